#include "column_sample.hpp"

#include <algorithm>
#include <numeric>
#include <random>

#include "kmeans.hpp"

namespace moshtari::clustering {

std::vector<std::size_t> sample_columns(std::size_t columns, std::size_t size, std::uint64_t seed) {
    std::vector<std::size_t> all(columns);
    std::iota(all.begin(), all.end(), std::size_t{0});
    if (columns <= size) return all;
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t j =
            i + std::min(columns - i - 1, static_cast<std::size_t>(uniform(rng) * (columns - i)));
        std::swap(all[i], all[j]);
    }
    all.resize(size);
    std::sort(all.begin(), all.end());
    return all;
}

}  // namespace moshtari::clustering
