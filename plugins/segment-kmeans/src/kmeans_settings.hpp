#pragma once
// The `segment-kmeans` section: the shared clustering keys, k or a range of k to choose from by
// silhouette, and the silhouette's sample size.

#include <cstddef>
#include <nlohmann/json.hpp>

#include "clustering_settings.hpp"
#include "moshtari/config_section.hpp"

namespace moshtari::kmeans {

struct KMeansSettings {
    clustering::ClusteringSettings clustering;
    clustering::CountRange k{5, 5};
    std::size_t silhouette_sample = 10'000;

    // Throws ConfigError at the offending key.
    static KMeansSettings from_config(const ConfigSection& section);
    nlohmann::json to_json() const;
};

}  // namespace moshtari::kmeans
