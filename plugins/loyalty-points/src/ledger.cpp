#include "ledger.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"

namespace moshtari::loyalty {

std::vector<Migration> migrations() {
    return {{1, "the loyalty points ledger", R"sql(
CREATE TABLE loyalty_points_ledger (
    id INTEGER PRIMARY KEY,
    programme TEXT NOT NULL,
    customer_id INTEGER,  -- NULL once the customer was erased and the policy keeps orders
    kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust', 'reverse')),
    cause TEXT NOT NULL,
    points INTEGER NOT NULL,
    at INTEGER NOT NULL,
    order_id INTEGER,
    rule TEXT NOT NULL DEFAULT '',
    by_user TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    expires_at INTEGER,
    lot_id INTEGER,  -- an expiry's entry whose points ran out
    shortfall INTEGER NOT NULL DEFAULT 0,
    recorded_at INTEGER NOT NULL,
    UNIQUE (programme, kind, cause)
);
CREATE INDEX loyalty_points_ledger_by_customer ON loyalty_points_ledger (programme, customer_id, id);
CREATE INDEX loyalty_points_ledger_by_order ON loyalty_points_ledger (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX loyalty_points_ledger_by_expiry ON loyalty_points_ledger (programme, expires_at)
    WHERE expires_at IS NOT NULL;
CREATE INDEX loyalty_points_ledger_by_lot ON loyalty_points_ledger (lot_id) WHERE lot_id IS NOT NULL;

-- Append-only: a row's amount, kind, cause and time never change. Erasing and merging customers
-- may only change whom a row names (and blank its free text).
CREATE TRIGGER loyalty_points_ledger_append_only
BEFORE UPDATE OF programme, kind, points, at, order_id, expires_at, lot_id, shortfall
ON loyalty_points_ledger
BEGIN
    SELECT RAISE(ABORT, 'loyalty_points_ledger is append-only: write a new entry instead');
END;
)sql"},
            // Earnings arrive in no order of expiry, so each was a random insert into this index:
            // a third of the CPU time of earning for an import (docs/performance.md). Its only
            // reader, the expiry run for everyone, finds the lots through the customer index
            // instead, in the same CPU time once most lots have expired.
            {2, "no index of the ledger by expiry", R"sql(
DROP INDEX loyalty_points_ledger_by_expiry;
)sql"}};
}

const char* to_string(EntryKind kind) {
    switch (kind) {
        case EntryKind::earn:
            return "earn";
        case EntryKind::redeem:
            return "redeem";
        case EntryKind::expire:
            return "expire";
        case EntryKind::adjust:
            return "adjust";
        case EntryKind::reverse:
            return "reverse";
    }
    return "earn";
}

namespace {

EntryKind parse_kind(const std::string& text) {
    for (const auto kind : {EntryKind::earn, EntryKind::redeem, EntryKind::expire,
                            EntryKind::adjust, EntryKind::reverse}) {
        if (text == to_string(kind)) return kind;
    }
    return EntryKind::earn;  // the table's CHECK admits nothing else
}

void bind_optional(SQLite::Statement& statement, int index, std::optional<std::int64_t> value) {
    if (value) {
        statement.bind(index, static_cast<int64_t>(*value));
    } else {
        statement.bind(index);
    }
}

constexpr const char* kColumns =
    "SELECT id, programme, customer_id, kind, cause, points, at, order_id, rule, by_user, note, "
    "expires_at, lot_id, shortfall FROM loyalty_points_ledger ";

Entry read_entry(SQLite::Statement& row) {
    Entry e;
    e.id = row.getColumn(0).getInt64();
    e.programme = row.getColumn(1).getString();
    e.customer = row.getColumn(2).isNull() ? 0 : row.getColumn(2).getInt64();
    e.kind = parse_kind(row.getColumn(3).getString());
    e.cause = row.getColumn(4).getString();
    e.points = row.getColumn(5).getInt64();
    e.at = from_unix(row.getColumn(6).getInt64());
    if (!row.getColumn(7).isNull()) e.order = row.getColumn(7).getInt64();
    e.rule = row.getColumn(8).getString();
    e.by = row.getColumn(9).getString();
    e.note = row.getColumn(10).getString();
    if (!row.getColumn(11).isNull()) e.expires_at = from_unix(row.getColumn(11).getInt64());
    if (!row.getColumn(12).isNull()) e.lot = row.getColumn(12).getInt64();
    e.shortfall = row.getColumn(13).getInt64();
    return e;
}

}  // namespace

std::size_t Ledger::append(const std::vector<Entry>& entries) {
    if (entries.empty()) return 0;
    // One prepared statement for the whole set, stepped per entry: binding the values costs less
    // than writing them as JSON and parsing it back, which took a third of a batch's time.
    SQLite::Statement insert(db_.sql(), R"sql(
INSERT INTO loyalty_points_ledger (programme, customer_id, kind, cause, points, at, order_id, rule,
                                   by_user, note, expires_at, lot_id, shortfall, recorded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
ON CONFLICT (programme, kind, cause) DO NOTHING
)sql");
    const auto recorded_at = static_cast<int64_t>(to_unix(now()));
    std::size_t added = 0;
    for (const auto& e : entries) {
        insert.bind(1, e.programme);
        insert.bind(2, static_cast<int64_t>(e.customer));
        insert.bind(3, to_string(e.kind));
        insert.bind(4, e.cause);
        insert.bind(5, static_cast<int64_t>(e.points));
        insert.bind(6, static_cast<int64_t>(to_unix(e.at)));
        bind_optional(insert, 7, e.order);
        insert.bind(8, e.rule);
        insert.bind(9, e.by);
        insert.bind(10, e.note);
        bind_optional(insert, 11,
                      e.expires_at == Timestamp{}
                          ? std::nullopt
                          : std::optional<std::int64_t>(to_unix(e.expires_at)));
        bind_optional(insert, 12, e.lot);
        insert.bind(13, static_cast<int64_t>(e.shortfall));
        insert.bind(14, recorded_at);
        added += static_cast<std::size_t>(insert.exec());
        insert.reset();
    }
    return added;
}

std::int64_t Ledger::balance(std::string_view programme, CustomerId customer) const {
    SQLite::Statement sum(db_.sql(),
                          "SELECT COALESCE(SUM(points), 0) FROM loyalty_points_ledger "
                          "WHERE programme = ? AND customer_id = ?");
    sum.bind(1, std::string(programme));
    sum.bind(2, static_cast<int64_t>(customer));
    sum.executeStep();
    return sum.getColumn(0).getInt64();
}

std::vector<Entry> Ledger::select(const std::string& where, std::string_view programme,
                                  CustomerId customer) const {
    SQLite::Statement query(db_.sql(), kColumns + where + " ORDER BY id");
    query.bind(1, static_cast<int64_t>(customer));
    if (!programme.empty()) query.bind(2, std::string(programme));
    std::vector<Entry> entries;
    while (query.executeStep()) entries.push_back(read_entry(query));
    return entries;
}

std::vector<Entry> Ledger::entries(std::string_view programme, CustomerId customer) const {
    return select("WHERE customer_id = ?1 AND programme = ?2", programme, customer);
}

std::vector<Entry> Ledger::entries_of(CustomerId customer) const {
    return select("WHERE customer_id = ?1", {}, customer);
}

std::vector<Entry> Ledger::entries_with_lapsed_lots(std::string_view programme,
                                                    Timestamp as_of) const {
    SQLite::Statement query(db_.sql(), std::string(kColumns) + R"sql(
WHERE programme = ?1 AND customer_id IN (
    SELECT lot.customer_id FROM loyalty_points_ledger lot
    WHERE lot.programme = ?1 AND lot.expires_at <= ?2 AND lot.points > 0
      AND NOT EXISTS (SELECT 1 FROM loyalty_points_ledger e WHERE e.lot_id = lot.id))
ORDER BY customer_id, id
)sql");
    query.bind(1, std::string(programme));
    query.bind(2, static_cast<int64_t>(to_unix(as_of)));
    std::vector<Entry> entries;
    while (query.executeStep()) entries.push_back(read_entry(query));
    return entries;
}

std::optional<Entry> Ledger::find(std::string_view programme, EntryKind kind,
                                  std::string_view cause) const {
    SQLite::Statement query(
        db_.sql(), std::string(kColumns) + "WHERE programme = ? AND kind = ? AND cause = ?");
    query.bind(1, std::string(programme));
    query.bind(2, to_string(kind));
    query.bind(3, std::string(cause));
    if (!query.executeStep()) return std::nullopt;
    return read_entry(query);
}

}  // namespace moshtari::loyalty
