#pragma once
// A seeded, reproducible sample of a matrix's columns, for what costs too much on every customer.

#include <cstdint>
#include <vector>

namespace moshtari::clustering {

// All `columns` when there are at most `size`, else `size` distinct ones drawn with a
// std::mt19937_64 seeded with `seed` (a partial Fisher-Yates shuffle), ascending.
std::vector<std::size_t> sample_columns(std::size_t columns, std::size_t size, std::uint64_t seed);

}  // namespace moshtari::clustering
