#include "kmeans.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "column_blocks.hpp"
#include "moshtari/error.hpp"

namespace moshtari::clustering {

namespace {

double squared_distance(const double* a, const double* b, std::size_t d) {
    double sum = 0;
    for (std::size_t i = 0; i < d; ++i) {
        const double diff = a[i] - b[i];
        sum += diff * diff;
    }
    return sum;
}

// One assignment pass: each column's nearest centre and squared distance, with every centre's sum
// of columns and count.
struct Assignment {
    std::vector<std::uint32_t> labels;
    std::vector<double> squared;
    arma::mat sums;
    std::vector<std::size_t> counts;
    double inertia = 0;
};

// Reuses `a`'s vectors: a million customers' labels and distances are not reallocated per pass.
void assign(const arma::mat& data, const arma::mat& means, Assignment& a) {
    const std::size_t d = data.n_rows, n = data.n_cols, k = means.n_cols;
    const std::size_t blocks = column_blocks(n);
    a.labels.resize(n);
    a.squared.resize(n);
    a.sums.zeros(d, k);
    a.counts.assign(k, 0);
    a.inertia = 0;
    std::vector<arma::mat> block_sums(blocks, arma::mat(d, k, arma::fill::zeros));
    std::vector<std::vector<std::size_t>> block_counts(blocks, std::vector<std::size_t>(k, 0));
    std::vector<double> block_inertia(blocks, 0.0);
    for_each_column_block(n, [&](std::size_t b, std::size_t first, std::size_t last) {
        arma::mat& sums = block_sums[b];
        for (std::size_t j = first; j < last; ++j) {
            const double* x = data.colptr(j);
            std::uint32_t best = 0;
            double best_distance = std::numeric_limits<double>::infinity();
            for (std::size_t c = 0; c < k; ++c) {
                const double distance = squared_distance(x, means.colptr(c), d);
                if (distance < best_distance) {
                    best_distance = distance;
                    best = static_cast<std::uint32_t>(c);
                }
            }
            a.labels[j] = best;
            a.squared[j] = best_distance;
            double* sum = sums.colptr(best);
            for (std::size_t i = 0; i < d; ++i) sum[i] += x[i];
            ++block_counts[b][best];
            block_inertia[b] += best_distance;
        }
    });
    for (std::size_t b = 0; b < blocks; ++b) {
        a.sums += block_sums[b];
        for (std::size_t c = 0; c < k; ++c) a.counts[c] += block_counts[b][c];
        a.inertia += block_inertia[b];
    }
}

// New centres: the mean of their columns; an empty centre takes the column farthest from its own
// centre that no other empty centre took.
arma::mat update_means(const arma::mat& data, const Assignment& a) {
    arma::mat means(data.n_rows, a.counts.size());
    std::vector<std::size_t> far;  // columns by distance to their centre, farthest first
    std::size_t taken = 0;
    for (std::size_t c = 0; c < a.counts.size(); ++c) {
        if (a.counts[c] > 0) {
            means.col(c) = a.sums.col(c) / static_cast<double>(a.counts[c]);
            continue;
        }
        if (far.empty()) {
            far.resize(a.squared.size());
            std::iota(far.begin(), far.end(), std::size_t{0});
            std::stable_sort(far.begin(), far.end(), [&](std::size_t x, std::size_t y) {
                return a.squared[x] > a.squared[y];
            });
        }
        means.col(c) = data.col(far[taken++]);
    }
    return means;
}

}  // namespace

double uniform(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

arma::mat kmeans_plus_plus(const arma::mat& data, std::size_t k, std::mt19937_64& rng) {
    const std::size_t d = data.n_rows, n = data.n_cols;
    arma::mat means(d, k);
    const auto pick = [&](double u) { return std::min(n - 1, static_cast<std::size_t>(u * n)); };
    means.col(0) = data.col(pick(uniform(rng)));
    std::vector<double> nearest(n);
    for (std::size_t j = 0; j < n; ++j)
        nearest[j] = squared_distance(data.colptr(j), means.colptr(0), d);
    for (std::size_t c = 1; c < k; ++c) {
        double total = 0;
        for (double value : nearest) total += value;
        std::size_t chosen = pick(uniform(rng));  // every column on a centre already: any will do
        if (total > 0) {
            double target = uniform(rng) * total;
            chosen = n - 1;
            for (std::size_t j = 0; j < n; ++j) {
                target -= nearest[j];
                if (target < 0) {
                    chosen = j;
                    break;
                }
            }
        }
        means.col(c) = data.col(chosen);
        for (std::size_t j = 0; j < n; ++j) {
            nearest[j] = std::min(nearest[j], squared_distance(data.colptr(j), means.colptr(c), d));
        }
    }
    return means;
}

KMeansResult lloyd(const arma::mat& data, arma::mat means, int max_iterations, double tolerance) {
    KMeansResult result;
    const double threshold = tolerance * arma::mean(arma::var(data, 1, 1));
    Assignment a;
    assign(data, means, a);
    while (result.iterations < max_iterations) {
        ++result.iterations;
        arma::mat moved = update_means(data, a);
        const double shift = arma::accu(arma::square(moved - means));
        means = std::move(moved);
        assign(data, means, a);
        if (shift <= threshold) {
            result.converged = true;
            break;
        }
    }
    result.means = std::move(means);
    result.labels = std::move(a.labels);
    result.distances = std::move(a.squared);
    for (double& distance : result.distances) distance = std::sqrt(distance);
    result.inertia = a.inertia;
    return result;
}

KMeansResult kmeans(const arma::mat& data, const KMeansOptions& options) {
    if (data.n_cols < options.k) {
        throw UserError(fmt::format(
            "k-means with k = {} needs at least {} customers to cluster, and there are {}; "
            "lower k or cluster later",
            options.k, options.k, data.n_cols));
    }
    std::mt19937_64 rng(options.seed);
    return lloyd(data, kmeans_plus_plus(data, options.k, rng), options.max_iterations,
                 options.tolerance);
}

}  // namespace moshtari::clustering
