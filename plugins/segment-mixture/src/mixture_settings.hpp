#pragma once
// The `segment-mixture` section: the shared clustering keys, the number of classes (or a range
// BIC chooses from) and the covariance model.

#include <nlohmann/json.hpp>

#include "clustering_settings.hpp"
#include "mixture_fit.hpp"
#include "moshtari/config_section.hpp"

namespace moshtari::mixture {

struct MixtureSettings {
    clustering::ClusteringSettings clustering{
        .max_iterations = 100, .tolerance = 1e-3, .unclustered_segment = {}};
    clustering::CountRange classes{1, 6};
    Covariance covariance = Covariance::diagonal;

    // Throws ConfigError at the offending key.
    static MixtureSettings from_config(const ConfigSection& section);
    nlohmann::json to_json() const;
};

}  // namespace moshtari::mixture
