// The default map covers every cell once, with the published grid's segments; first match wins.

#include "segment_map.hpp"

#include <gtest/gtest.h>

#include <set>

namespace moshtari::rfm {
namespace {

std::string segment_at(const std::vector<SegmentRule>& rules, int bins, Cell cell) {
    const auto index = cell_table(rules, bins)[cell_index(cell, bins)];
    return index == kNoSegment ? "(none)" : rules[index].name;
}

TEST(SegmentMap, TheDefaultMapIsTheRByFGridWithLostSplitFromHibernating) {
    const auto rules = default_segment_rules();
    const auto table = cell_table(rules, 5);
    ASSERT_EQ(table.size(), 125u);
    std::set<std::uint32_t> used;
    for (const auto index : table) {
        ASSERT_NE(index, kNoSegment);
        used.insert(index);
    }
    EXPECT_EQ(used.size(), rules.size());  // every segment is reachable

    // The grid, r across (1 to 5), f down (5 to 1); m never matters.
    const std::vector<std::vector<std::string>> grid = {
        {"cannot-lose", "cannot-lose", "loyal", "loyal", "champions"},
        {"at-risk", "at-risk", "loyal", "loyal", "champions"},
        {"at-risk", "at-risk", "need-attention", "potential-loyalists", "potential-loyalists"},
        {"lost", "hibernating", "about-to-sleep", "potential-loyalists", "potential-loyalists"},
        {"lost", "hibernating", "about-to-sleep", "promising", "new"},
    };
    for (int f = 5; f >= 1; --f) {
        for (int r = 1; r <= 5; ++r) {
            for (int m = 1; m <= 5; ++m) {
                EXPECT_EQ(segment_at(rules, 5, {r, f, m}), grid[5 - f][r - 1])
                    << "r" << r << " f" << f << " m" << m;
            }
        }
    }
}

TEST(SegmentMap, TheFirstMatchingRuleWinsAndFmIsTheAverageOfFAndM) {
    const std::vector<SegmentRule> rules = {
        {.name = "big", .fm = ScoreRange{2.5, 3}},
        {.name = "recent", .r = ScoreRange{3, 3}},
        {.name = "rest"},
    };
    EXPECT_EQ(segment_at(rules, 3, {3, 3, 2}), "big");  // fm 2.5
    EXPECT_EQ(segment_at(rules, 3, {3, 2, 2}), "recent");
    EXPECT_EQ(segment_at(rules, 3, {1, 1, 1}), "rest");
    EXPECT_EQ(segment_at({rules[0]}, 3, {1, 1, 1}), "(none)");
}

TEST(SegmentMap, ARuleDescribesItselfByItsRanges) {
    const SegmentRule rule{.name = "x", .r = ScoreRange{4, 5}, .fm = ScoreRange{1.5, 1.5}};
    EXPECT_EQ(rule.description(), (nlohmann::json{{"r", "4-5"}, {"fm", "1.5"}}));
    EXPECT_EQ(SegmentRule{.name = "others"}.description(), "every other customer");
}

}  // namespace
}  // namespace moshtari::rfm
