#include "fit_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/batched_insert.hpp"
#include "moshtari/database.hpp"
#include "moshtari/money.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::value {

namespace {

constexpr const char* kModel = "bg-nbd/gamma-gamma";

// What every read of values selects, then its WHERE and ORDER BY.
constexpr const char* kSelectValues =
    "SELECT v.fit_id, f.as_of, json_extract(f.parameters, '$.currency'), v.rank, c.name, "
    "v.customer_id, v.repeat_transactions, v.recency, v.age, v.average_spend, v.p_alive, "
    "v.expected_purchases, v.expected_spend, v.clv_minor, v.tier "
    "FROM value_clv_customer_values v JOIN value_clv_fits f ON f.id = v.fit_id "
    "JOIN customers c ON c.id = v.customer_id ";

// A customer's rows, ?1 their id: one primary-key lookup per fit (there is no index by customer).
constexpr const char* kCustomerInEveryFit =
    "WHERE v.fit_id IN (SELECT id FROM value_clv_fits) AND v.customer_id = ?1";

StoredValue read_value(SQLite::Statement& q) {
    StoredValue s;
    s.fit_id = q.getColumn(0).getInt64();
    s.as_of = q.getColumn(1).getString();
    s.currency = q.getColumn(2).getString();
    s.name = q.getColumn(4).getString();
    CustomerValue& v = s.value;
    v.rank = q.getColumn(3).getInt64();
    v.id = q.getColumn(5).getInt64();
    v.history = {q.getColumn(6).getInt(), q.getColumn(7).getDouble(), q.getColumn(8).getDouble()};
    v.average_spend = q.getColumn(9).getDouble();
    v.p_alive = q.getColumn(10).getDouble();
    v.expected_purchases = q.getColumn(11).getDouble();
    v.expected_spend = q.getColumn(12).getDouble();
    v.clv_minor = q.getColumn(13).getInt64();
    v.tier = q.getColumn(14).getString();
    return s;
}

}  // namespace

nlohmann::json to_json(const StoredValue& s) {
    const CustomerValue& v = s.value;
    return {{"customer", v.id},
            {"name", s.name},
            {"fit", s.fit_id},
            {"as_of", s.as_of},
            {"rank", v.rank},
            {"tier", v.tier},
            {"repeat_transactions", v.history.x},
            {"recency", v.history.t_x},
            {"age", v.history.T},
            {"average_spend", v.average_spend},
            {"p_alive", v.p_alive},
            {"expected_purchases", v.expected_purchases},
            {"expected_spend", v.expected_spend},
            {"clv_minor", v.clv_minor},
            {"clv", format_money(Money{v.clv_minor, s.currency})}};
}

std::vector<Migration> migrations() {
    return {{1, "fits and customer values", R"sql(
CREATE TABLE value_clv_fits (
    id INTEGER PRIMARY KEY,
    as_of TEXT NOT NULL,            -- the calibration end, YYYY-MM-DD
    model TEXT NOT NULL,
    parameters TEXT NOT NULL,       -- JSON: the models' estimates and the valuation settings
    log_likelihood REAL NOT NULL,   -- the BG/NBD model's
    customers INTEGER NOT NULL,
    fitted_at INTEGER NOT NULL
);
-- Times in the fit's period unit, money in its currency (spend in units, CLV in minor units).
-- No foreign keys, nor an index by customer: a fit writes a million rows here and a million in
-- the ranking, and each key cost every insert a lookup (the customer's and the index entry were a
-- third of it). Customers are deleted only by erasure and merge, whose handler deletes their rows
-- first; it and the export find a customer's rows fit by fit through the primary key. A fit's rows
-- are written in the transaction that adds the fit, and fits are never deleted: whatever deletes
-- one must delete its rows in both tables.
CREATE TABLE value_clv_customer_values (
    fit_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    repeat_transactions INTEGER NOT NULL,
    recency REAL NOT NULL,
    age REAL NOT NULL,
    average_spend REAL NOT NULL,
    p_alive REAL NOT NULL,
    expected_purchases REAL NOT NULL,
    expected_spend REAL NOT NULL,
    clv_minor INTEGER NOT NULL,
    tier TEXT NOT NULL,
    PRIMARY KEY (fit_id, customer_id)
) WITHOUT ROWID;
-- Each fit's customers in rank order, for `top`. A table rather than an index on (fit_id, rank):
-- a fit appends its values in customer order and then this in rank order, while the index took
-- a million entries at random places, which cost twice as much as the rest of the write.
CREATE TABLE value_clv_ranking (
    fit_id INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    PRIMARY KEY (fit_id, rank)
) WITHOUT ROWID;
)sql"}};
}

std::int64_t FitStore::save(Fit& fit) {
    auto& sql = db_.sql();
    Transaction transaction(db_);
    SQLite::Statement insert_fit(sql,
                                 "INSERT INTO value_clv_fits (as_of, model, parameters, "
                                 "log_likelihood, customers, fitted_at) VALUES (?, ?, ?, ?, ?, ?)");
    insert_fit.bind(1, format_date(fit.as_of));
    insert_fit.bind(2, kModel);
    insert_fit.bind(3, fit.parameters().dump());
    insert_fit.bind(4, fit.purchases.log_likelihood);
    insert_fit.bind(5, static_cast<int64_t>(fit.values.size()));
    insert_fit.bind(6, static_cast<int64_t>(to_unix(fit.fitted_at)));
    insert_fit.exec();
    fit.id = sql.getLastInsertRowid();
    // Both tables are written in their primary key's order, so each insert appends to the last
    // page: the values in customer order, as the fit holds them, then the ranking. In rank order
    // the values landed on random pages, which the default 2 MB page cache wrote out and read back
    // for most of a million rows.
    const auto fit_id = static_cast<int64_t>(fit.id);
    const auto bind_fit = [&](SQLite::Statement& insert) { insert.bind(1, fit_id); };
    insert_in_batches(sql, "INSERT INTO value_clv_customer_values VALUES ",
                      "(?1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 1, fit.values.size(), bind_fit,
                      [&](SQLite::Statement& insert, int first, std::size_t i) {
                          const CustomerValue& v = fit.values[i];
                          insert.bind(first, static_cast<int64_t>(v.id));
                          insert.bind(first + 1, static_cast<int64_t>(v.rank));
                          insert.bind(first + 2, v.history.x);
                          insert.bind(first + 3, v.history.t_x);
                          insert.bind(first + 4, v.history.T);
                          insert.bind(first + 5, v.average_spend);
                          insert.bind(first + 6, v.p_alive);
                          insert.bind(first + 7, v.expected_purchases);
                          insert.bind(first + 8, v.expected_spend);
                          insert.bind(first + 9, static_cast<int64_t>(v.clv_minor));
                          // The value outlives the insert: SQLite need not copy the tier's name.
                          insert.bindNoCopy(first + 10, v.tier);
                      });
    std::vector<CustomerId> by_rank(fit.values.size());
    for (const CustomerValue& v : fit.values)
        by_rank.at(static_cast<std::size_t>(v.rank - 1)) = v.id;
    insert_in_batches(sql, "INSERT INTO value_clv_ranking VALUES ", "(?1, ?, ?)", 1, by_rank.size(),
                      bind_fit, [&](SQLite::Statement& insert, int first, std::size_t i) {
                          insert.bind(first, static_cast<int64_t>(i + 1));
                          insert.bind(first + 1, static_cast<int64_t>(by_rank[i]));
                      });
    transaction.commit();
    return fit.id;
}

std::optional<StoredFit> FitStore::latest() const {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, as_of, parameters, customers FROM value_clv_fits "
                        "ORDER BY id DESC LIMIT 1");
    if (!q.executeStep()) return std::nullopt;
    return StoredFit{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     nlohmann::json::parse(q.getColumn(2).getString()), q.getColumn(3).getInt64()};
}

std::optional<StoredValue> FitStore::value_of(std::int64_t fit_id, CustomerId customer) const {
    SQLite::Statement q(db_.sql(),
                        std::string(kSelectValues) + "WHERE v.fit_id = ? AND v.customer_id = ?");
    q.bind(1, static_cast<int64_t>(fit_id));
    q.bind(2, static_cast<int64_t>(customer));
    if (!q.executeStep()) return std::nullopt;
    return read_value(q);
}

std::vector<StoredValue> FitStore::top(std::int64_t fit_id, std::size_t limit) const {
    SQLite::Statement q(db_.sql(),
                        std::string(kSelectValues) +
                            "JOIN value_clv_ranking r ON r.fit_id = v.fit_id AND r.customer_id = "
                            "v.customer_id WHERE r.fit_id = ? ORDER BY r.rank LIMIT ?");
    q.bind(1, static_cast<int64_t>(fit_id));
    q.bind(2, static_cast<int64_t>(limit));
    std::vector<StoredValue> values;
    while (q.executeStep()) values.push_back(read_value(q));
    return values;
}

nlohmann::json FitStore::personal_data(CustomerId customer) const {
    SQLite::Statement q(db_.sql(),
                        std::string(kSelectValues) + kCustomerInEveryFit + " ORDER BY v.fit_id");
    q.bind(1, static_cast<int64_t>(customer));
    nlohmann::json values = nlohmann::json::array();
    while (q.executeStep()) values.push_back(to_json(read_value(q)));
    return {{"values", values}};
}

void FitStore::erase(CustomerId customer) {
    SQLite::Statement unrank(db_.sql(),
                             std::string("DELETE FROM value_clv_ranking WHERE (fit_id, rank) IN "
                                         "(SELECT fit_id, rank FROM value_clv_customer_values v ") +
                                 kCustomerInEveryFit + ")");
    unrank.bind(1, static_cast<int64_t>(customer));
    unrank.exec();
    SQLite::Statement remove(db_.sql(), std::string("DELETE FROM value_clv_customer_values AS v ") +
                                            kCustomerInEveryFit);
    remove.bind(1, static_cast<int64_t>(customer));
    remove.exec();
}

}  // namespace moshtari::value
