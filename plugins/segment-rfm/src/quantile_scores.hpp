#pragma once
// Scores by quantile with a tie rule that never splits equal values: the RFM scores.

#include <cstdint>
#include <vector>

namespace moshtari::rfm {

// Each value's score from 1 to `bins` (2 to 9): 1 + floor(bins * below / n), where `below` counts
// the values strictly smaller than it and n is the number of values. Equal values always get the
// same score; higher values never get a lower one. O(n), by radix selection of the bins - 1 cuts.
std::vector<std::uint8_t> quantile_scores(const std::vector<double>& values, int bins);

}  // namespace moshtari::rfm
