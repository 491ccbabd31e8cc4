#pragma once
// One feature a clustering reads, how it is transformed before clustering, and how a centre is
// mapped back to the feature's own units.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "moshtari/config_section.hpp"
#include "moshtari/customer_features.hpp"

namespace moshtari::clustering {

enum class Transform { none, log1p };

struct FeatureSpec {
    // recency_days, frequency, monetary, average_spend, tenure_days, complaints,
    // interactions:<kind> or attribute:<name>
    std::string name;
    Transform transform = Transform::none;
    bool standardise = true;
};

// Recency, frequency and monetary value, each log1p-transformed and standardised.
std::vector<FeatureSpec> default_features();

// The `features` list of a plugin section (default_features() when absent); throws ConfigError at
// the offending entry.
std::vector<FeatureSpec> read_features(const ConfigSection& section);

// What to read from the customer facts for these features.
FeatureRequest feature_request(const std::vector<FeatureSpec>& features, Timestamp as_of);

// log1p keeps the sign of negative values (spend net of refunds can be below zero):
// sign(x)·ln(1+|x|), so that it can always be undone.
double apply(Transform transform, double value);
double undo(Transform transform, double value);

nlohmann::json to_json(const FeatureSpec& feature);

}  // namespace moshtari::clustering
