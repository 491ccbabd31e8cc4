#include "clustering_settings.hpp"

#include <fmt/format.h>

#include <cctype>

#include "feature_matrix.hpp"

namespace moshtari::clustering {

namespace {

std::size_t read_at_least(const ConfigSection& section, const char* key, std::size_t lowest) {
    const int value = section.require<int>(key);
    if (value < static_cast<int>(lowest))
        section.fail(key, fmt::format("must be at least {}, got {}", lowest, value));
    return static_cast<std::size_t>(value);
}

bool numbered(std::string_view name, std::string_view prefix) {
    if (!name.starts_with(prefix) || name.size() == prefix.size()) return false;
    for (char c : name.substr(prefix.size()))
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

std::vector<std::string> clustering_keys() {
    return {"features", "order_by", "seed", "max_iterations", "tolerance", "unclustered_segment"};
}

ClusteringSettings read_clustering_settings(const ConfigSection& section,
                                            ClusteringSettings defaults,
                                            std::string_view segment_prefix) {
    ClusteringSettings s = std::move(defaults);
    s.features = read_features(section);
    // Without monetary among the features the default order is by the first feature.
    if (feature_index(s.features, s.order_by) == s.features.size())
        s.order_by = s.features.front().name;
    s.order_by = section.get<std::string>("order_by", s.order_by);
    if (feature_index(s.features, s.order_by) == s.features.size()) {
        section.fail("order_by",
                     fmt::format("'{}' is not one of the features; name one of them", s.order_by));
    }
    const auto seed = section.get<std::int64_t>("seed", static_cast<std::int64_t>(s.seed));
    if (seed < 0) section.fail("seed", fmt::format("must be 0 or more, got {}", seed));
    s.seed = static_cast<std::uint64_t>(seed);
    s.max_iterations = section.get<int>("max_iterations", s.max_iterations);
    if (s.max_iterations < 1) {
        section.fail("max_iterations", fmt::format("must be at least 1, got {}", s.max_iterations));
    }
    s.tolerance = section.get<double>("tolerance", s.tolerance);
    if (s.tolerance < 0)
        section.fail("tolerance", fmt::format("must be 0 or more, got {}", s.tolerance));
    s.unclustered_segment = section.get<std::string>("unclustered_segment", "");
    if (section.has("unclustered_segment") && s.unclustered_segment.empty())
        section.fail("unclustered_segment", "give a segment name, or leave the key out");
    if (numbered(s.unclustered_segment, segment_prefix)) {
        section.fail("unclustered_segment",
                     fmt::format("'{}' is one of the clusters' names; choose another name",
                                 s.unclustered_segment));
    }
    return s;
}

CountRange read_count(const ConfigSection& section, const char* fixed_key, const char* range_key,
                      CountRange fallback, std::size_t lowest) {
    if (section.has(fixed_key) && section.has(range_key)) {
        section.fail(range_key, fmt::format("set either {} or {}, not both", fixed_key, range_key));
    }
    if (section.has(fixed_key)) {
        const std::size_t count = read_at_least(section, fixed_key, lowest);
        return {count, count};
    }
    if (!section.has(range_key)) return fallback;
    const ConfigSection range = section.child(range_key);
    range.allow_only({"min", "max"});
    CountRange result{read_at_least(range, "min", lowest), read_at_least(range, "max", lowest)};
    if (result.max < result.min) {
        range.fail("max", fmt::format("must be at least min ({}), got {}", result.min, result.max));
    }
    return result;
}

nlohmann::json to_json(const ClusteringSettings& s) {
    return {{"order_by", s.order_by},
            {"seed", s.seed},
            {"max_iterations", s.max_iterations},
            {"tolerance", s.tolerance},
            {"unclustered_segment", s.unclustered_segment}};
}

}  // namespace moshtari::clustering
