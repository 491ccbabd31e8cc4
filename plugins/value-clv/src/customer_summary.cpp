#include "customer_summary.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"

namespace moshtari::value {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// ?1 currency, ?2 the first second after the calibration end. The orders come per customer in
// time order straight from the orders_by_customer index (customer_id, at), so the days are folded
// while reading: a GROUP BY customer_id, at / 86400 would sort every order in a temporary B-tree
// first, which costs four times the reading on a million customers.
constexpr const char* kOrdersSql = R"sql(
SELECT customer_id, at / 86400, total_minor - refunded_minor
FROM orders
WHERE customer_id IS NOT NULL AND cancelled = 0 AND currency = ?1 AND at >= 0 AND at < ?2
ORDER BY customer_id, at
)sql";

// One customer's transactions so far: their first day and value, their last day.
struct Fold {
    CustomerSummary summary;
    std::int64_t first_day = 0;
    std::int64_t last_day = 0;
};

}  // namespace

std::vector<CustomerSummary> summarise_customers(Database& db, const std::string& currency,
                                                 Date calibration_end) {
    const std::int64_t end_day = std::chrono::sys_days{calibration_end}.time_since_epoch().count();
    SQLite::Statement query(db.sql(), kOrdersSql);
    query.bind(1, currency);
    query.bind(2, static_cast<int64_t>((end_day + 1) * kSecondsPerDay));
    std::vector<CustomerSummary> customers;
    Fold fold;
    const auto finish = [&] {
        fold.summary.recency_days = fold.last_day - fold.first_day;
        fold.summary.age_days = end_day - fold.first_day;
        customers.push_back(fold.summary);
    };
    while (query.executeStep()) {
        const CustomerId id = query.getColumn(0).getInt64();
        const std::int64_t day = query.getColumn(1).getInt64();
        const std::int64_t value = query.getColumn(2).getInt64();
        if (fold.summary.id != id) {
            if (fold.summary.id != 0) finish();
            fold = {{id, 0, 0, 0, 0}, day, day};
        } else if (day != fold.last_day) {
            // Orders of one day are one transaction: a new day is a repeat transaction.
            ++fold.summary.repeat_transactions;
            fold.last_day = day;
        }
        if (day != fold.first_day) fold.summary.repeat_value_minor += value;
    }
    if (fold.summary.id != 0) finish();
    return customers;
}

}  // namespace moshtari::value
