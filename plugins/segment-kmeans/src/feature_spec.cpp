#include "feature_spec.hpp"

#include <fmt/format.h>

#include <cmath>

namespace moshtari::clustering {

namespace {

constexpr std::string_view kInteractions = "interactions:";
constexpr std::string_view kAttribute = "attribute:";
constexpr const char* kPlainNames[] = {"recency_days",  "frequency",   "monetary",
                                       "average_spend", "tenure_days", "complaints"};

bool known_name(std::string_view name) {
    for (const char* plain : kPlainNames)
        if (name == plain) return true;
    for (const auto prefix : {kInteractions, kAttribute})
        if (name.starts_with(prefix) && name.size() > prefix.size()) return true;
    return false;
}

Transform read_transform(const ConfigSection& entry) {
    const auto text = entry.get<std::string>("transform", "none");
    if (text == "none") return Transform::none;
    if (text == "log1p") return Transform::log1p;
    entry.fail("transform", fmt::format("expected none or log1p, got '{}'", text));
}

}  // namespace

std::vector<FeatureSpec> default_features() {
    return {{"recency_days", Transform::log1p, true},
            {"frequency", Transform::log1p, true},
            {"monetary", Transform::log1p, true}};
}

std::vector<FeatureSpec> read_features(const ConfigSection& section) {
    if (!section.has("features")) return default_features();
    std::vector<FeatureSpec> features;
    for (const auto& entry : section.list("features")) {
        entry.allow_only({"name", "transform", "standardise"});
        FeatureSpec feature{entry.require<std::string>("name"), read_transform(entry),
                            entry.get<bool>("standardise", true)};
        if (!known_name(feature.name)) {
            entry.fail("name",
                       fmt::format("unknown feature '{}'; expected one of recency_days, "
                                   "frequency, monetary, average_spend, tenure_days, complaints, "
                                   "interactions:<kind> or attribute:<name>",
                                   feature.name));
        }
        for (const auto& earlier : features) {
            if (earlier.name == feature.name)
                entry.fail("name", fmt::format("'{}' is listed twice", feature.name));
        }
        features.push_back(std::move(feature));
    }
    if (features.empty()) section.fail("features", "list at least one feature");
    return features;
}

FeatureRequest feature_request(const std::vector<FeatureSpec>& features, Timestamp as_of) {
    FeatureRequest request{as_of};
    for (const auto& feature : features) {
        if (feature.name == "complaints" || feature.name.starts_with(kInteractions))
            request.interactions = true;
        if (feature.name.starts_with(kAttribute))
            request.attributes.push_back(feature.name.substr(kAttribute.size()));
    }
    return request;
}

double apply(Transform transform, double value) {
    if (transform == Transform::none) return value;
    return std::copysign(std::log1p(std::abs(value)), value);
}

double undo(Transform transform, double value) {
    if (transform == Transform::none) return value;
    return std::copysign(std::expm1(std::abs(value)), value);
}

nlohmann::json to_json(const FeatureSpec& feature) {
    return {{"name", feature.name},
            {"transform", feature.transform == Transform::log1p ? "log1p" : "none"},
            {"standardise", feature.standardise}};
}

}  // namespace moshtari::clustering
