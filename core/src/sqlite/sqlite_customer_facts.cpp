#include "sqlite/sqlite_customer_facts.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>

#include "moshtari/database.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/order_facts.hpp"
#include "sqlite/row_reader.hpp"

namespace moshtari::sqlite {

namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// The row of customer `id` in the ascending `ids`, or none.
std::optional<std::size_t> row_of(const std::vector<CustomerId>& ids, std::int64_t id) {
    const auto found = std::lower_bound(ids.begin(), ids.end(), id);
    if (found == ids.end() || *found != id) return std::nullopt;
    return static_cast<std::size_t>(found - ids.begin());
}

// The rows of the customers with ids in [first, last], appended to `features`.
void read_order_rows(SQLite::Database& sql, const std::string& source, std::int64_t as_of,
                     std::int64_t first, std::int64_t last, CustomerFeatures& features) {
    // A customer recorded after as_of still counts when they had ordered by then, if only orders
    // that do not count (cancelled ones): imported customers are recorded at the import, long
    // after their first orders. The index on orders answers the rare last test.
    RowReader rows(sql,
                   "SELECT c.id, c.created_at, f.first_order_at, f.last_order_at, f.orders, "
                   "f.spend_minor FROM customers c LEFT JOIN " +
                       source +
                       " f ON f.customer_id = c.id "
                       "WHERE c.id BETWEEN ?2 AND ?3 AND (c.created_at <= ?1 OR f.customer_id IS "
                       "NOT NULL OR EXISTS "
                       "(SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.at <= ?1)) "
                       "ORDER BY c.id");
    rows.bind(1, as_of);
    rows.bind(2, first);
    rows.bind(3, last);
    while (rows.next()) {
        features.ids.push_back(rows.int64(0));
        const std::int64_t created = rows.int64(1);
        if (rows.null(2)) {
            features.recency_days.push_back(kMissing);
            features.tenure_days.push_back(std::max(0.0, (as_of - created) / kSecondsPerDay));
            features.orders.push_back(0);
            features.spend_minor.push_back(0);
            continue;
        }
        const std::int64_t first_order = std::min(created, rows.int64(2));
        features.recency_days.push_back((as_of - rows.int64(3)) / kSecondsPerDay);
        features.tenure_days.push_back(std::max(0.0, (as_of - first_order) / kSecondsPerDay));
        features.orders.push_back(rows.int64(4));
        features.spend_minor.push_back(rows.int64(5));
    }
}

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

// `shared_snapshot`: this connection holds the write lock and has written nothing, so a second
// connection sees what it sees.
void read_orders(Database& db, std::int64_t as_of, bool shared_snapshot,
                 CustomerFeatures& features) {
    // The kept facts when they count nothing after as_of; else the orders up to as_of, counted now.
    const bool kept = as_of >= latest_counted_order_at(db);
    const std::string source =
        kept ? "customer_order_facts" : "(" + order_facts_query("o.at <= ?1") + ")";
    // Ids are dense enough that the largest bounds the rows without counting them.
    const std::int64_t largest =
        db.sql().execAndGet("SELECT coalesce(max(id), 0) FROM customers").getInt64();
    const auto customers = static_cast<std::size_t>(largest);
    for (auto* column : {&features.recency_days, &features.tenure_days}) column->reserve(customers);
    for (auto* column : {&features.ids, &features.orders, &features.spend_minor})
        column->reserve(customers);
    if (!kept || !shared_snapshot) {
        read_order_rows(db.sql(), source, as_of, 0, largest, features);
        return;
    }
    // Two connections read a half each, on two cores: reading a million customers' rows is a
    // third of an RFM run. Counting orders up to an earlier as_of is not split: each connection
    // would count them all.
    const std::int64_t middle = largest / 2;
    CustomerFeatures upper;
    auto second = std::async(std::launch::async, [&] {
        Database other(db.path());
        read_order_rows(other.sql(), source, as_of, middle + 1, largest, upper);
    });
    read_order_rows(db.sql(), source, as_of, 0, middle, features);
    second.get();
    for (auto column : {&CustomerFeatures::recency_days, &CustomerFeatures::tenure_days})
        append(features.*column, upper.*column);
    for (auto column :
         {&CustomerFeatures::ids, &CustomerFeatures::orders, &CustomerFeatures::spend_minor})
        append(features.*column, upper.*column);
}

void read_interactions(Database& db, std::int64_t as_of, CustomerFeatures& features) {
    features.complaints.assign(features.size(), 0);
    SQLite::Statement rows(db.sql(),
                           "SELECT customer_id, kind, count(*) FROM interactions "
                           "WHERE customer_id IS NOT NULL AND at <= ? GROUP BY customer_id, kind");
    rows.bind(1, static_cast<int64_t>(as_of));
    while (rows.executeStep()) {
        const auto row = row_of(features.ids, rows.getColumn(0).getInt64());
        if (!row) continue;
        const std::string kind = rows.getColumn(1).getString();
        auto& column = features.interactions_by_kind[kind];
        column.resize(features.size(), 0);
        column[*row] = rows.getColumn(2).getInt64();
        if (kind == "complaint") features.complaints[*row] = column[*row];
    }
}

void read_attribute(Database& db, const std::string& name, CustomerFeatures& features) {
    auto& column = features.attributes[name];
    column.assign(features.size(), kMissing);
    SQLite::Statement rows(db.sql(),
                           "SELECT customer_id, value FROM customer_attributes "
                           "WHERE name = ? AND type IN ('integer', 'number')");
    rows.bind(1, name);
    while (rows.executeStep()) {
        if (const auto row = row_of(features.ids, rows.getColumn(0).getInt64()))
            column[*row] = rows.getColumn(1).getDouble();
    }
}

}  // namespace

std::size_t SqliteCustomerFacts::catch_up() {
    Transaction tx(db_);
    const std::size_t counted = catch_up_order_facts(db_);
    tx.commit();
    return counted;
}

CustomerFeatures SqliteCustomerFacts::read(const FeatureRequest& request) {
    // One transaction: the catch-up and every read see the same orders.
    const bool outermost = !db_.in_transaction();
    Transaction tx(db_);
    const bool wrote = catch_up_order_facts(db_) > 0;
    CustomerFeatures features;
    features.as_of = request.as_of;
    features.currency =
        db_.sql().execAndGet("SELECT currency FROM customer_order_facts_mark").getString();
    const std::int64_t as_of = to_unix(request.as_of);
    read_orders(db_, as_of, outermost && !wrote, features);
    if (request.interactions) read_interactions(db_, as_of, features);
    for (const auto& name : request.attributes) read_attribute(db_, name, features);
    tx.commit();
    return features;
}

}  // namespace moshtari::sqlite
