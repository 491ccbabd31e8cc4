#pragma once
// What segmenters and value models know of each customer, one row per customer read set-based,
// held column by column so that numeric code (Armadillo, a sort) uses it without copying.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

struct FeatureRequest {
    Timestamp as_of{};                      // orders and interactions after it do not count
    bool interactions = false;              // also count interactions by kind, and complaints
    std::vector<std::string> attributes{};  // custom numeric attributes to read, by name
};

// Spend is in the workspace currency, net of refunds; cancelled orders and orders in other
// currencies do not count. A customer without an order by as_of has recency NaN.
struct CustomerFeatures {
    Timestamp as_of{};
    std::string currency;
    std::vector<CustomerId> ids;       // every customer, ascending
    std::vector<double> recency_days;  // from the last order to as_of
    std::vector<double> tenure_days;   // from the first order or the record, the earlier, to as_of
    std::vector<std::int64_t> orders;
    std::vector<std::int64_t> spend_minor;
    std::map<std::string, std::vector<std::int64_t>> interactions_by_kind;
    std::vector<std::int64_t> complaints;                   // interactions of kind "complaint"
    std::map<std::string, std::vector<double>> attributes;  // NaN where a customer has none

    std::size_t size() const { return ids.size(); }
    // Spend per order in minor units; 0 without orders.
    double average_spend_minor(std::size_t row) const {
        return orders[row] > 0 ? static_cast<double>(spend_minor[row]) / orders[row] : 0.0;
    }
};

}  // namespace moshtari
