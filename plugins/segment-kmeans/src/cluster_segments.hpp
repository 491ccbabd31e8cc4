#pragma once
// Turns clusters into a Segmentation: names them `<prefix>1..k` in a stable order and puts every
// customer the clustering left out in the unclustered segment, if there is one.

#include <armadillo>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clustering_settings.hpp"
#include "feature_matrix.hpp"
#include "moshtari/customer_features.hpp"
#include "moshtari/segmenter.hpp"

namespace moshtari::clustering {

// The clusters (columns of `centres`, clustering space) in the order they are named: by the value
// of the `order_by` feature at the centre in its own units, descending, ties by the following
// features. Names follow from the data, not from the seed's numbering.
std::vector<std::size_t> naming_order(const FeatureMatrix& matrix, const arma::mat& centres,
                                      const std::string& order_by);

// "<prefix><rank + 1>".
std::string cluster_name(std::string_view prefix, std::size_t rank);

// Per clustered customer (a column of the matrix): the cluster's rank in naming order, a score
// and, optionally, a JSON detail.
struct Clustered {
    std::vector<std::uint32_t> rank;
    std::vector<double> score;
    std::vector<std::string> detail;  // empty, or one per customer
};

// `segments` are the clusters' definitions in naming order; the unclustered segment (if set) is
// added after them, its members with no score.
Segmentation assemble(const CustomerFeatures& customers, const FeatureMatrix& matrix,
                      std::vector<SegmentDefinition> segments, Clustered clustered,
                      const ClusteringSettings& settings, nlohmann::json parameters);

}  // namespace moshtari::clustering
