#pragma once
// What the models know of each customer: their transactions up to the calibration end, one per
// customer and day (several orders on one day are one transaction), from one query over the orders.

#include <cstdint>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::value {

struct CustomerSummary {
    CustomerId id = 0;
    int repeat_transactions = 0;          // transaction days after the first
    std::int64_t recency_days = 0;        // from the first transaction day to the last
    std::int64_t age_days = 0;            // from the first transaction day to the calibration end
    std::int64_t repeat_value_minor = 0;  // what the repeat transactions came to, refunds deducted
};

// Every customer with an order in `currency` on or before `calibration_end` that is neither
// cancelled nor a guest's, ordered by id.
std::vector<CustomerSummary> summarise_customers(Database& db, const std::string& currency,
                                                 Date calibration_end);

}  // namespace moshtari::value
