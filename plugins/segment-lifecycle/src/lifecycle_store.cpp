#include "lifecycle_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::lifecycle {

namespace {

constexpr const char* kSegmenter = "lifecycle";

// One row per customer: id, stored phase, and the count, first, last and before-last time of the
// orders placed up to the moment judged (?2), so an event dispatched late is judged on the history
// as it was. `{0}` filters orders and `{1}` customers by the Scope: a plain "customer_id = ?1" for
// one customer keeps SQLite on the (customer_id, at) index.
constexpr const char* kHistorySql = R"sql(
WITH ranked AS (
    SELECT customer_id, at,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY at DESC, id DESC) AS position,
           COUNT(*) OVER (PARTITION BY customer_id) AS orders,
           MIN(at) OVER (PARTITION BY customer_id) AS first_at
    FROM orders WHERE cancelled = 0 AND at <= ?2 AND {0})
SELECT c.id, COALESCE(p.phase, ''), COALESCE(last.orders, 0), last.first_at, last.at, previous.at
FROM customers c
LEFT JOIN segment_lifecycle_phases p ON p.customer_id = c.id
LEFT JOIN ranked last ON last.customer_id = c.id AND last.position = 1
LEFT JOIN ranked previous ON previous.customer_id = c.id AND previous.position = 2
WHERE {1}
)sql";

std::string history_sql(Scope scope) {
    // ?1 and ?3 bound the id range of a batch.
    constexpr const char* kOrderedInBatch =
        "(SELECT customer_id FROM orders WHERE id BETWEEN ?1 AND ?3)";
    switch (scope.kind) {
        case Scope::one_customer:
            return fmt::format(kHistorySql, "customer_id = ?1", "c.id = ?1");
        case Scope::customers_in_range:
            return fmt::format(kHistorySql, "customer_id BETWEEN ?1 AND ?3",
                               "c.id BETWEEN ?1 AND ?3");
        case Scope::customers_of_orders_in_range:
            return fmt::format(kHistorySql, fmt::format("customer_id IN {}", kOrderedInBatch),
                               fmt::format("c.id IN {}", kOrderedInBatch));
        case Scope::everyone:
            break;
    }
    return fmt::format(kHistorySql, "1", "1");
}

struct Row {
    CustomerId id;
    std::string current;
    OrderHistory history;
};

Row read_row(SQLite::Statement& q) {
    Row row{q.getColumn(0).getInt64(), q.getColumn(1).getString(), {}};
    row.history.count = q.getColumn(2).getInt();
    if (row.history.count > 0) {
        row.history.first = from_unix(q.getColumn(3).getInt64());
        row.history.last = from_unix(q.getColumn(4).getInt64());
        if (!q.getColumn(5).isNull())
            row.history.before_last = from_unix(q.getColumn(5).getInt64());
    }
    return row;
}

}  // namespace

std::vector<Migration> migrations() {
    return {{1, "lifecycle phases and their history", R"sql(
CREATE TABLE segment_lifecycle_phases (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    since INTEGER NOT NULL
);
CREATE INDEX segment_lifecycle_phases_by_phase ON segment_lifecycle_phases (phase, customer_id);
-- The time of the last daily tick judged: "now" as far as the plugin knows.
CREATE TABLE segment_lifecycle_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_tick INTEGER NOT NULL
);
CREATE TABLE segment_lifecycle_changes (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    from_phase TEXT NOT NULL,
    to_phase TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX segment_lifecycle_changes_by_customer ON segment_lifecycle_changes (customer_id, at);
)sql"}};
}

void LifecycleStore::apply(CustomerId id, const std::string& current, const std::string& phase,
                           Timestamp as_of) {
    if (current == phase) return;
    auto& sql = workspace_.database().sql();
    SQLite::Statement upsert(sql,
                             "INSERT INTO segment_lifecycle_phases VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (customer_id) DO UPDATE SET phase = ?2, since = ?3");
    upsert.bind(1, static_cast<int64_t>(id));
    upsert.bind(2, phase);
    upsert.bind(3, static_cast<int64_t>(to_unix(as_of)));
    upsert.exec();
    SQLite::Statement change(
        sql,
        "INSERT INTO segment_lifecycle_changes (customer_id, from_phase, to_phase, at) "
        "VALUES (?, ?, ?, ?)");
    change.bind(1, static_cast<int64_t>(id));
    change.bind(2, current);
    change.bind(3, phase);
    change.bind(4, static_cast<int64_t>(to_unix(as_of)));
    change.exec();
    workspace_.customers().set_lifecycle_stage(id, phase);
    workspace_.event_log().append(events::SegmentChanged{id, kSegmenter, current, phase}, as_of);
}

Timestamp LifecycleStore::judged_at(Timestamp event_time) const {
    SQLite::Statement query(workspace_.database().sql(),
                            "SELECT last_tick FROM segment_lifecycle_clock WHERE id = 1");
    if (!query.executeStep()) return event_time;
    return std::max(event_time, from_unix(query.getColumn(0).getInt64()));
}

void LifecycleStore::refresh(CustomerId id, Timestamp event_time, const Thresholds& thresholds) {
    recompute({Scope::one_customer, id, id}, judged_at(event_time), thresholds);
}

std::size_t LifecycleStore::refresh_batch(Scope scope, Timestamp event_time,
                                          const Thresholds& thresholds) {
    return recompute(scope, judged_at(event_time), thresholds);
}

std::size_t LifecycleStore::refresh_all(Timestamp as_of, const Thresholds& thresholds) {
    SQLite::Statement clock(workspace_.database().sql(),
                            "INSERT INTO segment_lifecycle_clock VALUES (1, ?1) "
                            "ON CONFLICT (id) DO UPDATE SET last_tick = max(last_tick, ?1)");
    clock.bind(1, static_cast<int64_t>(to_unix(as_of)));
    clock.exec();
    return recompute({Scope::everyone, 0, 0}, as_of, thresholds);
}

std::size_t LifecycleStore::recompute(Scope scope, Timestamp as_of, const Thresholds& thresholds) {
    // Read everything first, write after: the changes touch the tables the query reads.
    std::vector<std::pair<Row, std::string>> changes;
    {
        SQLite::Statement query(workspace_.database().sql(), history_sql(scope));
        if (scope.kind != Scope::everyone) {
            query.bind(1, static_cast<int64_t>(scope.first));
            if (scope.kind != Scope::one_customer) query.bind(3, static_cast<int64_t>(scope.last));
        }
        query.bind(2, static_cast<int64_t>(to_unix(as_of)));
        while (query.executeStep()) {
            Row row = read_row(query);
            std::string phase = phase_of(row.history, as_of, thresholds);
            if (phase != row.current) changes.emplace_back(std::move(row), std::move(phase));
        }
    }
    for (const auto& [row, phase] : changes) apply(row.id, row.current, phase, as_of);
    return changes.size();
}

std::vector<std::pair<std::string, std::int64_t>> LifecycleStore::counts() const {
    std::vector<std::pair<std::string, std::int64_t>> result;
    SQLite::Statement query(workspace_.database().sql(),
                            "SELECT COUNT(*) FROM segment_lifecycle_phases WHERE phase = ?");
    for (const char* phase : kPhases) {
        query.bind(1, phase);
        query.executeStep();
        result.emplace_back(phase, query.getColumn(0).getInt64());
        query.reset();
    }
    return result;
}

std::vector<Member> LifecycleStore::members(std::string_view phase, std::size_t limit) const {
    SQLite::Statement query(
        workspace_.database().sql(),
        "SELECT c.id, c.name, p.since FROM segment_lifecycle_phases p "
        "JOIN customers c ON c.id = p.customer_id WHERE p.phase = ? ORDER BY p.since DESC, c.id "
        "LIMIT ?");
    query.bind(1, std::string(phase));
    query.bind(2, static_cast<int64_t>(limit));
    std::vector<Member> result;
    while (query.executeStep()) {
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          from_unix(query.getColumn(2).getInt64())});
    }
    return result;
}

nlohmann::json LifecycleStore::personal_data(CustomerId id) const {
    auto& sql = workspace_.database().sql();
    nlohmann::json data = {
        {"phase", nullptr}, {"since", nullptr}, {"changes", nlohmann::json::array()}};
    SQLite::Statement phase(
        sql, "SELECT phase, since FROM segment_lifecycle_phases WHERE customer_id = ?");
    phase.bind(1, static_cast<int64_t>(id));
    if (phase.executeStep()) {
        data["phase"] = phase.getColumn(0).getString();
        data["since"] = format_time(from_unix(phase.getColumn(1).getInt64()));
    }
    SQLite::Statement changes(sql,
                              "SELECT from_phase, to_phase, at FROM segment_lifecycle_changes "
                              "WHERE customer_id = ? ORDER BY at, id");
    changes.bind(1, static_cast<int64_t>(id));
    while (changes.executeStep()) {
        data["changes"].push_back(
            {{"from", changes.getColumn(0).getString()},
             {"to", changes.getColumn(1).getString()},
             {"at", format_time(from_unix(changes.getColumn(2).getInt64()))}});
    }
    return data;
}

void LifecycleStore::erase(CustomerId id) {
    for (const char* table : {"segment_lifecycle_phases", "segment_lifecycle_changes"}) {
        SQLite::Statement remove(workspace_.database().sql(),
                                 fmt::format("DELETE FROM {} WHERE customer_id = ?", table));
        remove.bind(1, static_cast<int64_t>(id));
        remove.exec();
    }
}

void LifecycleStore::merge(CustomerId, CustomerId merged) {
    // The merged customer's phase described a part of the survivor's history only; the survivor's
    // phase stands until the merge's event recomputes it from the combined orders.
    erase(merged);
}

}  // namespace moshtari::lifecycle
