#include "sqlite/order_facts.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"

namespace moshtari::sqlite {

std::string order_facts_query(const std::string& where) {
    return "SELECT o.customer_id AS customer_id, min(o.at) AS first_order_at, "
           "max(o.at) AS last_order_at, count(*) AS orders, "
           "sum(o.total_minor - o.refunded_minor) AS spend_minor "
           "FROM orders o, customer_order_facts_mark m "
           "WHERE o.customer_id IS NOT NULL AND o.cancelled = 0 AND o.currency = m.currency AND " +
           where + " GROUP BY o.customer_id";
}

namespace {

// Adds the aggregate to what the customers' rows hold already.
std::string add_to_facts(const std::string& where) {
    return "INSERT INTO customer_order_facts (customer_id, first_order_at, last_order_at, orders, "
           "spend_minor) " +
           order_facts_query(where) +
           " ON CONFLICT (customer_id) DO UPDATE SET "
           "first_order_at = min(first_order_at, excluded.first_order_at), "
           "last_order_at = max(last_order_at, excluded.last_order_at), "
           "orders = orders + excluded.orders, spend_minor = spend_minor + excluded.spend_minor";
}

std::int64_t mark(Database& db) {
    return db.sql().execAndGet("SELECT last_order_id FROM customer_order_facts_mark").getInt64();
}

// Moves the mark to order `to`, and the newest counted order's time to what `newest` selects
// (with ?1 = to, the mark as m) if that is later.
void move_mark(Database& db, std::int64_t to, const std::string& newest) {
    SQLite::Statement update(db.sql(),
                             "UPDATE customer_order_facts_mark AS m SET last_order_id = ?1, "
                             "latest_order_at = max(latest_order_at, coalesce((" +
                                 newest + "), 0))");
    update.bind(1, static_cast<int64_t>(to));
    update.exec();
}

}  // namespace

void prepare_order_facts(Database& db, const std::string& currency) {
    SQLite::Statement current(db.sql(), "SELECT currency FROM customer_order_facts_mark");
    if (current.executeStep() && current.getColumn(0).getString() == currency) return;
    db.sql().exec("DELETE FROM customer_order_facts");
    SQLite::Statement reset(db.sql(),
                            "INSERT OR REPLACE INTO customer_order_facts_mark (id, currency, "
                            "last_order_id, latest_order_at) VALUES (1, ?, 0, 0)");
    reset.bind(1, currency);
    reset.exec();
}

void recount_order_facts(Database& db, CustomerId customer) {
    SQLite::Statement forget(db.sql(), "DELETE FROM customer_order_facts WHERE customer_id = ?");
    forget.bind(1, static_cast<int64_t>(customer));
    forget.exec();
    SQLite::Statement count(db.sql(),
                            add_to_facts("o.customer_id = ?1 AND o.id <= m.last_order_id"));
    count.bind(1, static_cast<int64_t>(customer));
    count.exec();
}

void count_new_order(Database& db, OrderId id) {
    const std::int64_t counted_to = mark(db);
    SQLite::Statement uncounted(db.sql(),
                                "SELECT EXISTS (SELECT 1 FROM orders WHERE id > ? AND id < ?)");
    uncounted.bind(1, static_cast<int64_t>(counted_to));
    uncounted.bind(2, static_cast<int64_t>(id));
    uncounted.executeStep();
    if (uncounted.getColumn(0).getInt() != 0) return;
    SQLite::Statement count(db.sql(), add_to_facts("o.id = ?1"));
    count.bind(1, static_cast<int64_t>(id));
    count.exec();
    move_mark(db, id,
              "SELECT o.at FROM orders o WHERE o.id = ?1 AND o.customer_id IS NOT NULL AND "
              "o.cancelled = 0 AND o.currency = m.currency");
}

std::size_t catch_up_order_facts(Database& db) {
    const std::int64_t counted_to = mark(db);
    const std::int64_t newest =
        db.sql().execAndGet("SELECT coalesce(max(id), 0) FROM orders").getInt64();
    if (newest <= counted_to) return 0;
    SQLite::Statement count(db.sql(), add_to_facts("o.id > ?1 AND o.id <= ?2"));
    count.bind(1, static_cast<int64_t>(counted_to));
    count.bind(2, static_cast<int64_t>(newest));
    count.exec();
    // The facts hold a row per customer: after a bulk import far fewer than the orders just
    // counted.
    move_mark(db, newest, "SELECT max(last_order_at) FROM customer_order_facts");
    return static_cast<std::size_t>(newest - counted_to);
}

std::int64_t latest_counted_order_at(Database& db) {
    return db.sql().execAndGet("SELECT latest_order_at FROM customer_order_facts_mark").getInt64();
}

}  // namespace moshtari::sqlite
