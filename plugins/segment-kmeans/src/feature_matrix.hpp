#pragma once
// The customers a clustering covers as an Armadillo matrix, one column per customer (Armadillo's
// layout), each feature transformed and standardised, with what it takes to map a point back to
// the features' own units.

#include <armadillo>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

#include "feature_spec.hpp"
#include "moshtari/customer_features.hpp"

namespace moshtari::clustering {

struct FeatureMatrix {
    std::vector<FeatureSpec> features;
    arma::mat data;                 // features x customers clustered
    std::vector<std::size_t> rows;  // each column's row in the CustomerFeatures, ascending
    std::vector<double> centre;     // per feature, what standardising subtracted (0 if not)
    std::vector<double> scale;      // per feature, what it divided by (1 if not)

    // Feature f's value in its own units at coordinate z of the clustering space.
    double original(std::size_t f, double z) const;
    // {feature name: value in its own units} of a point of the clustering space.
    nlohmann::json original_point(const arma::vec& point) const;
    // The features with the centre and scale used, for a run's parameters.
    nlohmann::json describe() const;
};

// Clusters the customers with at least one order and a value of every attribute feature. Money
// (monetary, average_spend) is in major units of the workspace currency.
FeatureMatrix build_feature_matrix(const CustomerFeatures& customers,
                                   const std::vector<FeatureSpec>& features);

// Index of the feature named `name`, or features.size().
std::size_t feature_index(const std::vector<FeatureSpec>& features, std::string_view name);

}  // namespace moshtari::clustering
