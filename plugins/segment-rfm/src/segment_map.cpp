#include "segment_map.hpp"

#include <fmt/format.h>

namespace moshtari::rfm {

std::string ScoreRange::text() const {
    return low == high ? fmt::format("{}", low) : fmt::format("{}-{}", low, high);
}

bool SegmentRule::matches(const Cell& cell) const {
    const auto within = [](const std::optional<ScoreRange>& range, double score) {
        return !range || range->contains(score);
    };
    return within(r, cell.r) && within(f, cell.f) && within(m, cell.m) &&
           within(fm, (cell.f + cell.m) / 2.0);
}

nlohmann::json SegmentRule::description() const {
    nlohmann::json ranges = nlohmann::json::object();
    for (const auto& [key, range] : {std::pair{"r", &r}, {"f", &f}, {"m", &m}, {"fm", &fm}}) {
        if (*range) ranges[key] = (*range)->text();
    }
    if (ranges.empty()) return "every other customer";
    return ranges;
}

std::vector<std::uint32_t> cell_table(const std::vector<SegmentRule>& rules, int bins) {
    std::vector<std::uint32_t> table(static_cast<std::size_t>(bins * bins * bins), kNoSegment);
    for (int r = 1; r <= bins; ++r) {
        for (int f = 1; f <= bins; ++f) {
            for (int m = 1; m <= bins; ++m) {
                const Cell cell{r, f, m};
                for (std::size_t i = 0; i < rules.size(); ++i) {
                    if (!rules[i].matches(cell)) continue;
                    table[cell_index(cell, bins)] = static_cast<std::uint32_t>(i);
                    break;
                }
            }
        }
    }
    return table;
}

std::vector<SegmentRule> default_segment_rules() {
    const auto range = [](double low, double high) { return ScoreRange{low, high}; };
    const auto rule = [](const char* name, ScoreRange r, ScoreRange f) {
        return SegmentRule{.name = name, .r = r, .f = f};
    };
    return {
        rule("champions", range(5, 5), range(4, 5)),
        rule("loyal", range(3, 4), range(4, 5)),
        rule("potential-loyalists", range(4, 5), range(2, 3)),
        rule("new", range(5, 5), range(1, 1)),
        rule("promising", range(4, 4), range(1, 1)),
        rule("need-attention", range(3, 3), range(3, 3)),
        rule("about-to-sleep", range(3, 3), range(1, 2)),
        rule("at-risk", range(1, 2), range(3, 4)),
        rule("cannot-lose", range(1, 2), range(5, 5)),
        rule("hibernating", range(2, 2), range(1, 2)),
        rule("lost", range(1, 1), range(1, 2)),
    };
}

}  // namespace moshtari::rfm
