#pragma once
// Points in well-separated round groups, for the engine's tests: the groups are known, so a
// clustering can be checked against them exactly.

#include <armadillo>
#include <cstdint>
#include <random>
#include <vector>

#include "kmeans.hpp"

namespace moshtari::clustering::testing {

struct Blobs {
    arma::mat data;                    // dimensions x points, the groups interleaved
    std::vector<std::uint32_t> truth;  // each point's group
};

// `per_group` points around each centre (columns of `centres`), each coordinate off by a normal
// deviate of `sd`, drawn by a std::mt19937_64 seeded with `seed`.
inline Blobs make_blobs(const arma::mat& centres, std::size_t per_group, double sd,
                        std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, sd);
    Blobs blobs{arma::mat(centres.n_rows, centres.n_cols * per_group), {}};
    for (std::size_t i = 0; i < per_group; ++i) {
        for (std::size_t g = 0; g < centres.n_cols; ++g) {
            const std::size_t column = i * centres.n_cols + g;
            for (std::size_t f = 0; f < centres.n_rows; ++f)
                blobs.data(f, column) = centres(f, g) + noise(rng);
            blobs.truth.push_back(static_cast<std::uint32_t>(g));
        }
    }
    return blobs;
}

// True when the two labellings put the same points together, whatever the clusters' numbers.
inline bool same_partition(const std::vector<std::uint32_t>& a,
                           const std::vector<std::uint32_t>& b) {
    if (a.size() != b.size()) return false;
    std::vector<std::int64_t> a_to_b(a.size() + 1, -1), b_to_a(b.size() + 1, -1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a_to_b[a[i]] == -1 && b_to_a[b[i]] == -1) {
            a_to_b[a[i]] = b[i];
            b_to_a[b[i]] = a[i];
        }
        if (a_to_b[a[i]] != b[i] || b_to_a[b[i]] != a[i]) return false;
    }
    return true;
}

}  // namespace moshtari::clustering::testing
