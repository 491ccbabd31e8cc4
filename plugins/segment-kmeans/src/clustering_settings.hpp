#pragma once
// The settings the k-means and mixture segmenters share: features, seed, iterations, tolerance,
// the naming order and where the customers they do not cluster go.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "feature_spec.hpp"
#include "moshtari/config_section.hpp"

namespace moshtari::clustering {

struct ClusteringSettings {
    std::vector<FeatureSpec> features = default_features();
    std::string order_by =
        "monetary";  // the feature whose centre, descending, numbers the clusters
    std::uint64_t seed = 1;
    int max_iterations = 300;
    double tolerance = 1e-4;
    // Customers without an order (or a value of an attribute feature) go to this segment; empty:
    // they get no segment.
    std::string unclustered_segment;
};

// The keys read_clustering_settings reads, for a section's allow_only.
std::vector<std::string> clustering_keys();

// Reads the shared keys over `defaults`; `segment_prefix` ("cluster-") is the clusters' names,
// which the unclustered segment may not take. Throws ConfigError at the offending key.
ClusteringSettings read_clustering_settings(const ConfigSection& section,
                                            ClusteringSettings defaults,
                                            std::string_view segment_prefix);

// How many clusters: one number, or a range to choose from.
struct CountRange {
    std::size_t min = 0;
    std::size_t max = 0;
};

// `fixed_key: N` or `range_key: {min: A, max: B}` (not both), each at least `lowest`; `fallback`
// when neither is set.
CountRange read_count(const ConfigSection& section, const char* fixed_key, const char* range_key,
                      CountRange fallback, std::size_t lowest);

nlohmann::json to_json(const ClusteringSettings& settings);

}  // namespace moshtari::clustering
