#pragma once
// Value tiers: the customers ranked by CLV and cut at cumulative shares, "top-1" for the first 1%,
// "top-5" for the rest of the first 5%, ..., "rest" for everyone after the last share.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "valuation.hpp"

namespace moshtari::value {

// The tiers' names for `shares` (percent, ascending), best first, "rest" last.
std::vector<std::string> tier_names(const std::vector<double>& shares);

// Ranks `values` by CLV, highest first (ties by customer id), and sets each one's rank and tier:
// the customer at rank k (from 1) of n is in the first tier whose share s has k <= ceil(s n / 100).
// Leaves `values` in their order.
void assign_tiers(std::vector<CustomerValue>& values, const std::vector<double>& shares);

// Customers per tier, in the order of tier_names(shares), zeros included.
std::vector<std::pair<std::string, std::int64_t>> count_tiers(
    const std::vector<CustomerValue>& values, const std::vector<double>& shares);

}  // namespace moshtari::value
