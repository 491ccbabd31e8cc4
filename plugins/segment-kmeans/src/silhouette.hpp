#pragma once
// The mean silhouette of clusterings, measured on a sample: exact silhouettes cost a distance per
// pair of customers, which a million customers cannot afford.

#include <armadillo>
#include <cstdint>
#include <vector>

namespace moshtari::clustering {

// The mean silhouette of each labelling of the sampled columns (sample_columns), in one pass over
// the pairs: s = (b - a) / max(a, b), with a the mean distance to the rest of the own cluster and b
// the smallest mean distance to another cluster, both within the sample; 0 for a column alone in
// its cluster there. `labellings[l][j]` is column j's cluster (< `clusters[l]`) in labelling l.
std::vector<double> mean_silhouettes(const arma::mat& data, const std::vector<std::size_t>& sample,
                                     const std::vector<std::vector<std::uint32_t>>& labellings,
                                     const std::vector<std::size_t>& clusters);

}  // namespace moshtari::clustering
