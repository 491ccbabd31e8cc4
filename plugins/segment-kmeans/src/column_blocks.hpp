#pragma once
// The parallel passes over a million customers: fixed blocks of columns, handed to the cores by
// OpenMP. Each block keeps its own sums and the caller adds them in block order, so a result does
// not depend on the number of threads.

#include <algorithm>
#include <cstddef>

namespace moshtari::clustering {

inline constexpr std::size_t kColumnBlock = 1 << 14;

inline std::size_t column_blocks(std::size_t columns) {
    return (columns + kColumnBlock - 1) / kColumnBlock;
}

// Calls body(block, first, last) for every block [first, last) of `columns`, on every core.
template <class Body>
void for_each_column_block(std::size_t columns, Body body) {
    const auto blocks = static_cast<std::ptrdiff_t>(column_blocks(columns));
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t b = 0; b < blocks; ++b) {
        const auto block = static_cast<std::size_t>(b);
        const std::size_t first = block * kColumnBlock;
        body(block, first, std::min(columns, first + kColumnBlock));
    }
}

}  // namespace moshtari::clustering
