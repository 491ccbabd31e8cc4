#pragma once
// Customers in groups of known recency, order count and spend, written through the real store's
// bulk writer: what the clustering tests must find again.

#include <cstdint>
#include <optional>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::clustering::testing {

// The date every test segments as of.
inline const Timestamp kAsOf = from_unix(1'767'225'600);  // 2026-01-01

struct Group {
    std::size_t customers = 0;
    double recency_days = 0;  // from the last order to kAsOf
    int orders = 1;
    double spend = 0;  // in euros, over all of a customer's orders
    // A numeric attribute `score` every member has, if set.
    std::optional<double> score{};
};

// Writes the groups' customers and orders in one transaction. Each customer's recency, order count
// and spend are the group's times exp(spread * z), z a standard normal deviate drawn by a
// std::mt19937_64 seeded with `seed`: on a log scale, each group is a Gaussian around its values.
// Returns the ids per group.
std::vector<std::vector<CustomerId>> add_groups(Workspace& workspace,
                                                const std::vector<Group>& groups, double spread,
                                                std::uint64_t seed);

// A customer recorded before kAsOf who has never ordered.
CustomerId add_customer_without_orders(Workspace& workspace);

}  // namespace moshtari::clustering::testing
