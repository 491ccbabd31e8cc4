#pragma once
// k-means on the columns of a matrix: k-means++ seeding from a seeded std::mt19937_64, then
// Lloyd's iterations until the centres move less than the tolerance.

#include <armadillo>
#include <cstdint>
#include <random>
#include <vector>

namespace moshtari::clustering {

struct KMeansOptions {
    std::size_t k = 5;
    std::uint64_t seed = 1;
    int max_iterations = 300;
    // Converged when the centres' squared moves sum to at most this times the data's mean
    // per-feature variance (scikit-learn's rule).
    double tolerance = 1e-4;
};

struct KMeansResult {
    arma::mat means;                    // features x k
    std::vector<std::uint32_t> labels;  // per column: its nearest centre
    std::vector<double> distances;      // per column: the Euclidean distance to that centre
    double inertia = 0;                 // the sum of squared distances
    int iterations = 0;
    bool converged = false;
};

// A number in [0, 1) from 53 bits of the generator: the same on every platform, unlike
// std::uniform_real_distribution.
double uniform(std::mt19937_64& rng);

// k-means++ (Arthur and Vassilvitskii): the first centre uniformly, each next one with
// probability proportional to the squared distance to the nearest centre chosen so far.
arma::mat kmeans_plus_plus(const arma::mat& data, std::size_t k, std::mt19937_64& rng);

// Lloyd's iterations from `means`. A centre left without customers moves to the customer farthest
// from their own centre. The sums are taken in fixed blocks added in order, so the result does not
// depend on the number of threads.
KMeansResult lloyd(const arma::mat& data, arma::mat means, int max_iterations, double tolerance);

// Seeding and iterations; throws UserError when there are fewer columns than k.
KMeansResult kmeans(const arma::mat& data, const KMeansOptions& options);

}  // namespace moshtari::clustering
