#include "customer_summary.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"

namespace moshtari::value {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// ?1 currency, ?2 the first second after the calibration end, ?3 the calibration end's day number.
// Days are UTC days since 1970-01-01.
constexpr const char* kSummarySql = R"sql(
WITH days AS (
    SELECT customer_id, at / 86400 AS day, SUM(total_minor - refunded_minor) AS value
    FROM orders
    WHERE customer_id IS NOT NULL AND cancelled = 0 AND currency = ?1 AND at >= 0 AND at < ?2
    GROUP BY customer_id, day),
numbered AS (
    SELECT customer_id, day, value,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY day) AS n
    FROM days)
SELECT customer_id, COUNT(*) - 1, MAX(day) - MIN(day), ?3 - MIN(day),
       COALESCE(SUM(CASE WHEN n > 1 THEN value END), 0)
FROM numbered
GROUP BY customer_id
ORDER BY customer_id
)sql";

}  // namespace

std::vector<CustomerSummary> summarise_customers(Database& db, const std::string& currency,
                                                 Date calibration_end) {
    const std::int64_t end_day = std::chrono::sys_days{calibration_end}.time_since_epoch().count();
    SQLite::Statement query(db.sql(), kSummarySql);
    query.bind(1, currency);
    query.bind(2, static_cast<int64_t>((end_day + 1) * kSecondsPerDay));
    query.bind(3, static_cast<int64_t>(end_day));
    std::vector<CustomerSummary> customers;
    while (query.executeStep()) {
        customers.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt(),
                             query.getColumn(2).getInt64(), query.getColumn(3).getInt64(),
                             query.getColumn(4).getInt64()});
    }
    return customers;
}

}  // namespace moshtari::value
