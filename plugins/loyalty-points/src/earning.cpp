#include "earning.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "ledger.hpp"
#include "moshtari/database.hpp"
#include "moshtari/page_cache.hpp"

namespace moshtari::loyalty {

namespace {

struct OrderToEarn {
    OrderId id = 0;
    CustomerId customer = 0;
    Timestamp at{};
    std::int64_t total_minor = 0;
    std::vector<std::string> tags;
    bool first = false;  // the customer's earliest order
};

// While a batch earns, SQLite keeps up to this much of the ledger's and the orders' pages in memory
// instead of re-reading them; docs/performance.md gives the worker's peak memory with it.
constexpr int kPageCacheMib = 256;

constexpr char kTagSeparator = '\x1f';

std::vector<std::string> split_tags(const std::string& joined) {
    std::vector<std::string> tags;
    std::size_t start = 0;
    while (start <= joined.size() && !joined.empty()) {
        const auto end = joined.find(kTagSeparator, start);
        tags.push_back(joined.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return tags;
}

// The orders of the range that earn in the programme, oldest first. Each part of the query that a
// rule needs is asked only when the programme has that rule: the customer's tags for tag
// multipliers, whether the order is the customer's first for the first-order bonus.
std::vector<OrderToEarn> orders_to_earn(Database& db, const Programme& programme, OrderId first,
                                        OrderId last) {
    const bool with_tags = !programme.earn.tag_multipliers.empty();
    const bool with_first = programme.first_order_bonus > 0;
    // Without a cap per period, the ledger's UNIQUE cause is what skips an order earned before.
    // With one, such an order must not be counted against the period's room a second time.
    const bool with_cap = programme.cap_per_period > 0;
    SQLite::Statement query(
        db.sql(),
        fmt::format(
            R"sql(
SELECT o.id, o.customer_id, o.at, o.total_minor, {}, {}
FROM orders o
WHERE o.id BETWEEN ?1 AND ?2 AND o.customer_id IS NOT NULL AND o.cancelled = 0 AND o.currency = ?3
{}
)sql",
            with_tags ? R"sql(COALESCE((SELECT group_concat(t.tag, char(31))
                   FROM customer_tags t WHERE t.customer_id = o.customer_id), ''))sql"
                      : "''",
            // One seek in orders_by_customer, whose entries run by (customer, at, id).
            with_first ? R"sql(o.id = (SELECT p.id FROM orders p WHERE p.customer_id = o.customer_id
                ORDER BY p.at, p.id LIMIT 1))sql"
                       : "0",
            with_cap ? R"sql(AND NOT EXISTS (SELECT 1 FROM loyalty_points_ledger l
                WHERE l.programme = ?4 AND l.kind = 'earn' AND l.cause = 'order:' || o.id))sql"
                     : ""));
    query.bind(1, static_cast<int64_t>(first));
    query.bind(2, static_cast<int64_t>(last));
    query.bind(3, programme.currency);
    if (with_cap) query.bind(4, programme.id);
    std::vector<OrderToEarn> orders;
    while (query.executeStep()) {
        orders.push_back(
            {query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
             from_unix(query.getColumn(2).getInt64()), query.getColumn(3).getInt64(),
             with_tags ? split_tags(query.getColumn(4).getString()) : std::vector<std::string>{},
             query.getColumn(5).getInt() != 0});
    }
    // Sorted here rather than by SQLite, which sorted through a temporary b-tree.
    std::sort(orders.begin(), orders.end(), [](const OrderToEarn& a, const OrderToEarn& b) {
        return std::tie(a.at, a.id) < std::tie(b.at, b.id);
    });
    return orders;
}

// What each order of the range comes to per product category: one query for the batch, and none
// when the programme has no category multipliers.
std::map<OrderId, std::vector<CategoryAmount>> amounts_by_category(Database& db,
                                                                   const Programme& programme,
                                                                   OrderId first, OrderId last) {
    std::map<OrderId, std::vector<CategoryAmount>> amounts;
    if (programme.earn.category_multipliers.empty()) return amounts;
    SQLite::Statement query(db.sql(), R"sql(
SELECT order_id, category, SUM(quantity * unit_price_minor) FROM order_lines
WHERE order_id BETWEEN ?1 AND ?2 GROUP BY order_id, category
)sql");
    query.bind(1, static_cast<int64_t>(first));
    query.bind(2, static_cast<int64_t>(last));
    while (query.executeStep()) {
        amounts[query.getColumn(0).getInt64()].push_back(
            {query.getColumn(1).getString(), query.getColumn(2).getInt64()});
    }
    return amounts;
}

// The calendar period (UTC) `at` falls in, as the time it began.
Timestamp period_start(Period period, Timestamp at) {
    using namespace std::chrono;
    const year_month_day day{floor<days>(at)};
    switch (period) {
        case Period::day:
            return sys_days{day};
        case Period::month:
            return sys_days{day.year() / day.month() / 1};
        case Period::year:
            return sys_days{day.year() / January / 1};
        case Period::none:
            break;
    }
    return Timestamp{};
}

// Points already earned from orders per customer and period, from the earliest period the batch
// touches on: the room left under cap_per_period.
using PeriodTotals = std::map<std::pair<CustomerId, Timestamp>, std::int64_t>;

PeriodTotals earned_per_period(Database& db, const Programme& programme,
                               const std::vector<OrderToEarn>& orders) {
    PeriodTotals totals;
    if (programme.cap_per_period == 0 || orders.empty()) return totals;
    SQLite::Statement query(db.sql(), R"sql(
SELECT l.customer_id, l.at, l.points FROM loyalty_points_ledger l
WHERE l.programme = ?1 AND l.kind = 'earn' AND l.rule = 'order' AND l.at >= ?2
  AND l.customer_id IN (SELECT value FROM json_each(?3))
)sql");
    nlohmann::json customers = nlohmann::json::array();
    for (const auto& order : orders) customers.push_back(order.customer);
    query.bind(1, programme.id);
    query.bind(2, static_cast<int64_t>(to_unix(period_start(programme.period, orders.front().at))));
    query.bind(3, customers.dump());
    while (query.executeStep()) {
        const auto at = from_unix(query.getColumn(1).getInt64());
        totals[{query.getColumn(0).getInt64(), period_start(programme.period, at)}] +=
            query.getColumn(2).getInt64();
    }
    return totals;
}

Entry earning(const Programme& programme, const OrderToEarn& order, std::string cause,
              std::string rule, std::int64_t points) {
    Entry entry;
    entry.programme = programme.id;
    entry.customer = order.customer;
    entry.kind = EntryKind::earn;
    entry.cause = std::move(cause);
    entry.points = points;
    entry.at = order.at;
    entry.order = order.id;
    entry.rule = std::move(rule);
    entry.expires_at = programme.expiry_of(order.at);
    return entry;
}

}  // namespace

std::size_t earn_for_orders(Database& db, const Programme& programme, OrderId first, OrderId last) {
    const LargerPageCache cache(db, kPageCacheMib);
    const auto orders = orders_to_earn(db, programme, first, last);
    PeriodTotals totals = earned_per_period(db, programme, orders);
    const auto categories = amounts_by_category(db, programme, first, last);
    const int digits = minor_unit_digits(programme.currency);
    std::vector<Entry> entries;
    for (const auto& order : orders) {
        const auto lines = categories.find(order.id);
        std::int64_t points =
            order_points(programme.earn, digits, order.total_minor, order.tags,
                         lines == categories.end() ? std::vector<CategoryAmount>{} : lines->second);
        if (programme.cap_per_period > 0) {
            auto& earned = totals[{order.customer, period_start(programme.period, order.at)}];
            points = std::max<std::int64_t>(0, std::min(points, programme.cap_per_period - earned));
            earned += points;
        }
        if (points > 0) {
            entries.push_back(
                earning(programme, order, fmt::format("order:{}", order.id), "order", points));
        }
        if (order.first && programme.first_order_bonus > 0) {
            entries.push_back(earning(programme, order,
                                      fmt::format("first-order:{}", order.customer), "first_order",
                                      programme.first_order_bonus));
        }
    }
    // Written customer by customer, each one's in time order: the inserts into the ledger's index
    // by customer then run in key order instead of at random (docs/performance.md).
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.customer < b.customer; });
    return Ledger(db).append(entries);
}

std::size_t award_birthdays(Database& db, const Programme& programme, Date day) {
    if (programme.birthday_bonus == 0) return 0;
    const std::string date = format_date(day);
    SQLite::Statement query(db.sql(), R"sql(
SELECT c.id FROM customers c
WHERE substr(c.birthday, 6) = ?1
  AND EXISTS (SELECT 1 FROM loyalty_points_ledger l WHERE l.programme = ?2 AND l.customer_id = c.id)
)sql");
    query.bind(1, date.substr(5));
    query.bind(2, programme.id);
    const Timestamp at = std::chrono::sys_days{day};
    std::vector<Entry> entries;
    while (query.executeStep()) {
        Entry entry;
        entry.programme = programme.id;
        entry.customer = query.getColumn(0).getInt64();
        entry.kind = EntryKind::earn;
        entry.cause = fmt::format("birthday:{}:{}", date.substr(0, 4), entry.customer);
        entry.points = programme.birthday_bonus;
        entry.at = at;
        entry.rule = "birthday";
        entry.expires_at = programme.expiry_of(at);
        entries.push_back(std::move(entry));
    }
    return Ledger(db).append(entries);
}

}  // namespace moshtari::loyalty
