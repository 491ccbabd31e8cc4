#include "rfm_settings.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>

namespace moshtari::rfm {

namespace {

constexpr int kMinBins = 2;
constexpr int kMaxBins = 9;  // so that the cell r*100 + f*10 + m reads as three digits
constexpr int kDefaultMapBins = 5;
constexpr std::size_t kCellsNamed = 5;  // uncovered cells named in an error, before "and N more"

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

std::optional<double> parse_score(std::string_view text) {
    text = trim(text);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return {};
    return value;
}

// "4-5" or "5", from `low` to `high` scores; fm may use halves ("1.5-3"), r, f and m may not.
std::optional<ScoreRange> read_range(const ConfigSection& rule, std::string_view key, int bins) {
    if (!rule.has(key)) return std::nullopt;
    const std::string text = rule.get<std::string>(key, "");
    const auto dash = text.find('-');
    const auto low = parse_score(std::string_view(text).substr(0, dash));
    const auto high =
        dash == std::string::npos ? low : parse_score(std::string_view(text).substr(dash + 1));
    const bool whole = key != "fm";
    const auto allowed = [&](const std::optional<double>& score) {
        return score && *score >= 1 && *score <= bins &&
               (whole ? std::floor(*score) == *score : std::floor(*score * 2) == *score * 2);
    };
    if (!allowed(low) || !allowed(high) || *low > *high) {
        rule.fail(key, fmt::format("'{}' is not a range of scores; write a score from 1 to {} or "
                                   "a range like '{}-{}'{}",
                                   text, bins, bins - 1, bins,
                                   whole ? "" : " (fm, the average of f and m, may use halves)"));
    }
    return ScoreRange{*low, *high};
}

void check_name(const ConfigSection& section, std::string_view key, const std::string& name) {
    if (name.empty() || name.find_first_of(" \t/") != std::string::npos) {
        section.fail(key, fmt::format("'{}' is not a segment name: write one word without "
                                      "spaces or '/', like 'at-risk'",
                                      name));
    }
}

std::string cell_text(const Cell& cell) {
    return fmt::format("r{} f{} m{}", cell.r, cell.f, cell.m);
}

// Every cell goes to some segment, and every segment gets some cell.
void check_coverage(const ConfigSection& holder, const std::vector<ConfigSection>& items,
                    const std::vector<SegmentRule>& rules, int bins) {
    const auto table = cell_table(rules, bins);
    std::vector<ConfigProblem> problems;
    std::vector<std::string> uncovered;
    std::set<std::uint32_t> reached;
    for (int r = 1; r <= bins; ++r) {
        for (int f = 1; f <= bins; ++f) {
            for (int m = 1; m <= bins; ++m) {
                const auto segment = table[cell_index({r, f, m}, bins)];
                if (segment == kNoSegment)
                    uncovered.push_back(cell_text({r, f, m}));
                else
                    reached.insert(segment);
            }
        }
    }
    if (!uncovered.empty()) {
        std::string named;
        for (std::size_t i = 0; i < std::min(uncovered.size(), kCellsNamed); ++i)
            named += (i == 0 ? "" : ", ") + uncovered[i];
        if (uncovered.size() > kCellsNamed)
            named += fmt::format(" and {} more", uncovered.size() - kCellsNamed);
        problems.push_back(
            {holder.location("segments"),
             fmt::format("{}segments: {} of the {} score cells match no segment ({}); add rules "
                         "for them, or end the list with a rule that has only a name, like "
                         "'- {{name: others}}'",
                         holder.path().empty() ? "" : holder.path() + ".", uncovered.size(),
                         table.size(), named)});
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (reached.count(static_cast<std::uint32_t>(i))) continue;
        problems.push_back(
            {items[i].location("name"),
             fmt::format("{}: segment '{}' can never have a customer: every cell it covers "
                         "matches an earlier rule; move it up or narrow the rules before it",
                         items[i].path(), rules[i].name)});
    }
    if (!problems.empty()) throw ConfigError(std::move(problems));
}

// The rules of `holder.segments`, a list of {name, r, f, m, fm}.
std::vector<SegmentRule> read_rules(const ConfigSection& holder, int bins,
                                    const std::string& prospects) {
    const auto items = holder.list("segments");
    if (items.empty()) {
        holder.fail("segments",
                    "expected a list of segments like '- {name: champions, r: 5, f: 4-5}'");
    }
    std::vector<SegmentRule> rules;
    std::set<std::string> names;
    for (const auto& item : items) {
        item.allow_only({"name", "r", "f", "m", "fm"});
        SegmentRule rule;
        rule.name = item.require<std::string>("name");
        check_name(item, "name", rule.name);
        if (!names.insert(rule.name).second)
            item.fail("name",
                      fmt::format("a second segment named '{}'; names are unique", rule.name));
        if (rule.name == prospects) {
            item.fail("name", fmt::format("'{}' is the segment of customers without orders "
                                          "(prospects); name this one differently",
                                          rule.name));
        }
        rule.r = read_range(item, "r", bins);
        rule.f = read_range(item, "f", bins);
        rule.m = read_range(item, "m", bins);
        rule.fm = read_range(item, "fm", bins);
        rules.push_back(std::move(rule));
    }
    check_coverage(holder, items, rules, bins);
    return rules;
}

}  // namespace

nlohmann::json Settings::to_json() const {
    nlohmann::json map = nlohmann::json::array();
    for (const auto& rule : segments) {
        nlohmann::json entry = {{"name", rule.name}};
        if (const auto description = rule.description(); description.is_object())
            entry.update(description);
        map.push_back(std::move(entry));
    }
    nlohmann::json json = {
        {"bins", bins},
        {"monetary", monetary == Monetary::total ? "total" : "average"},
        {"prospects", prospects},
        {"segments", std::move(map)},
        {"recency", "time from the last order to as_of; more recent scores higher"},
        {"tie_rule",
         "score = 1 + floor(bins * below / n), below = customers with a strictly "
         "worse value; equal values share a score"}};
    if (!segments_file.empty()) json["segments_file"] = segments_file;
    return json;
}

Settings read_settings(const ConfigSection& section) {
    section.allow_only({"bins", "monetary", "prospects", "segments", "segments_file"});
    Settings settings;
    settings.bins = section.get<int>("bins", settings.bins);
    if (settings.bins < kMinBins || settings.bins > kMaxBins) {
        section.fail("bins", fmt::format("must be from {} to {}, got {}", kMinBins, kMaxBins,
                                         settings.bins));
    }
    const std::string monetary = section.get<std::string>("monetary", "total");
    if (monetary == "average")
        settings.monetary = Monetary::average;
    else if (monetary != "total")
        section.fail("monetary", fmt::format("'{}' is not one of total, average", monetary));
    settings.prospects = section.get<std::string>("prospects", settings.prospects);
    if (!settings.prospects.empty()) check_name(section, "prospects", settings.prospects);

    if (section.has("segments") && section.has("segments_file")) {
        section.fail("segments_file",
                     "the segments are already listed under 'segments'; keep one of the two");
    }
    if (section.has("segments")) {
        settings.segments = read_rules(section, settings.bins, settings.prospects);
    } else if (section.has("segments_file")) {
        // Relative to the file that names it, as the other plugins' files are.
        std::filesystem::path file = section.get<std::string>("segments_file", "");
        if (file.is_relative())
            file =
                std::filesystem::path(section.location("segments_file").file).parent_path() / file;
        const ConfigSection map = ConfigSection::read_file(file);
        map.allow_only({"segments"});
        settings.segments = read_rules(map, settings.bins, settings.prospects);
        settings.segments_file = file.string();
    } else if (settings.bins != kDefaultMapBins) {
        section.fail("bins", fmt::format("the default segment map is for {} bins; with {} bins "
                                         "list your own under 'segments'",
                                         kDefaultMapBins, settings.bins));
    } else {
        for (const auto& rule : settings.segments) {
            if (rule.name == settings.prospects) {
                section.fail("prospects",
                             fmt::format("'{}' is a segment of the default map; name the "
                                         "customers without orders differently",
                                         rule.name));
            }
        }
    }
    return settings;
}

}  // namespace moshtari::rfm
