#include "draw_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "moshtari/database.hpp"
#include "moshtari/error.hpp"

namespace moshtari::draws {

std::vector<Migration> migrations() {
    return {{1, "draws, entries, committed lists and picks", R"sql(
CREATE TABLE loyalty_draws_draws (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    window_from INTEGER NOT NULL,
    window_to INTEGER NOT NULL CHECK (window_to > window_from),
    winners INTEGER NOT NULL CHECK (winners >= 1),
    prizes TEXT NOT NULL DEFAULT '[]',  -- JSON array of text
    status TEXT NOT NULL CHECK (status IN ('open', 'committed', 'drawn')),
    secret TEXT NOT NULL,               -- revealed (as part of seed) only once drawn
    seed_commitment TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    committed_at INTEGER,
    entries_sha256 TEXT,
    entry_lines INTEGER NOT NULL DEFAULT 0,
    tickets INTEGER NOT NULL DEFAULT 0,
    customers INTEGER NOT NULL DEFAULT 0,
    beacon_source TEXT NOT NULL DEFAULT '',
    drawn_at INTEGER,
    beacon TEXT NOT NULL DEFAULT '',
    seed TEXT
);
CREATE TABLE loyalty_draws_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draw_id INTEGER NOT NULL REFERENCES loyalty_draws_draws (id),
    source TEXT NOT NULL,
    customer_id INTEGER,  -- NULL once the customer is erased (committed draws only)
    entries INTEGER NOT NULL CHECK (entries >= 1),
    at INTEGER NOT NULL,
    order_id INTEGER,
    interaction_id INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    by_user TEXT NOT NULL DEFAULT '',
    UNIQUE (draw_id, source)
);
CREATE INDEX loyalty_draws_entries_by_customer ON loyalty_draws_entries (customer_id);
CREATE INDEX loyalty_draws_entries_by_order ON loyalty_draws_entries (order_id)
    WHERE order_id IS NOT NULL;
CREATE TABLE loyalty_draws_lists (
    draw_id INTEGER PRIMARY KEY REFERENCES loyalty_draws_draws (id),
    list TEXT NOT NULL  -- the canonical list exactly as hashed
);
CREATE TABLE loyalty_draws_picks (
    draw_id INTEGER NOT NULL REFERENCES loyalty_draws_draws (id),
    position INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    listed_customer INTEGER NOT NULL,
    customer_id INTEGER,
    winner INTEGER NOT NULL CHECK (winner IN (0, 1)),
    reason TEXT NOT NULL DEFAULT '',
    rank INTEGER NOT NULL DEFAULT 0,
    prize TEXT NOT NULL DEFAULT '',
    message_id INTEGER,
    PRIMARY KEY (draw_id, position)
);
CREATE INDEX loyalty_draws_picks_by_customer ON loyalty_draws_picks (customer_id);
)sql"}};
}

namespace {

constexpr const char* kDrawColumns =
    "SELECT id, name, window_from, window_to, winners, prizes, status, seed_commitment, "
    "created_at, created_by, committed_at, COALESCE(entries_sha256, ''), entry_lines, tickets, "
    "customers, beacon_source, drawn_at, beacon, COALESCE(seed, '') FROM loyalty_draws_draws ";

constexpr const char* kPickColumns =
    "SELECT p.position, p.entry_id, p.listed_customer, p.customer_id, p.winner, p.reason, p.rank, "
    "p.prize, p.message_id, d.name FROM loyalty_draws_picks p JOIN loyalty_draws_draws d ON "
    "d.id = p.draw_id ";

DrawStatus status_of(const std::string& text) {
    if (text == "committed") return DrawStatus::committed;
    if (text == "drawn") return DrawStatus::drawn;
    return DrawStatus::open;
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt64();
}

std::optional<Timestamp> optional_time(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return from_unix(column.getInt64());
}

Draw draw_row(SQLite::Statement& q) {
    Draw d;
    d.id = q.getColumn(0).getInt64();
    d.name = q.getColumn(1).getString();
    d.from = from_unix(q.getColumn(2).getInt64());
    d.to = from_unix(q.getColumn(3).getInt64());
    d.winners = q.getColumn(4).getInt64();
    d.prizes = nlohmann::json::parse(q.getColumn(5).getString()).get<std::vector<std::string>>();
    d.status = status_of(q.getColumn(6).getString());
    d.seed_commitment = q.getColumn(7).getString();
    d.created_at = from_unix(q.getColumn(8).getInt64());
    d.created_by = q.getColumn(9).getString();
    d.committed_at = optional_time(q.getColumn(10));
    d.entries_sha256 = q.getColumn(11).getString();
    d.entry_lines = q.getColumn(12).getInt64();
    d.tickets = q.getColumn(13).getInt64();
    d.customers = q.getColumn(14).getInt64();
    d.beacon_source = q.getColumn(15).getString();
    d.drawn_at = optional_time(q.getColumn(16));
    d.beacon = q.getColumn(17).getString();
    d.seed = q.getColumn(18).getString();
    return d;
}

RecordedPick pick_row(SQLite::Statement& q) {
    RecordedPick p;
    p.position = q.getColumn(0).getInt64();
    p.entry = q.getColumn(1).getInt64();
    p.listed_customer = q.getColumn(2).getInt64();
    p.customer = optional_int(q.getColumn(3));
    p.winner = q.getColumn(4).getInt() != 0;
    p.reason = q.getColumn(5).getString();
    p.rank = q.getColumn(6).getInt64();
    p.prize = q.getColumn(7).getString();
    p.message = optional_int(q.getColumn(8));
    return p;
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& value) {
    if (value) {
        q.bind(index, static_cast<int64_t>(*value));
    } else {
        q.bind(index);
    }
}

std::vector<Draw> draws(Database& db, const std::string& where,
                        const std::optional<std::string>& name = std::nullopt) {
    SQLite::Statement q(db.sql(), kDrawColumns + where);
    if (name) q.bind(1, *name);
    std::vector<Draw> found;
    while (q.executeStep()) found.push_back(draw_row(q));
    return found;
}

}  // namespace

const char* to_string(DrawStatus status) {
    switch (status) {
        case DrawStatus::open:
            return "open";
        case DrawStatus::committed:
            return "committed";
        case DrawStatus::drawn:
            return "drawn";
    }
    return "open";
}

std::string Draw::prize_for(std::int64_t rank) const {
    if (prizes.empty()) return {};
    if (prizes.size() == 1) return prizes.front();
    return prizes.at(static_cast<std::size_t>(rank - 1));
}

std::int64_t DrawStore::insert(const Draw& d, const std::string& secret) {
    SQLite::Statement q(db_.sql(), R"sql(
INSERT INTO loyalty_draws_draws (name, window_from, window_to, winners, prizes, status, secret,
                                 seed_commitment, created_at, created_by)
VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)
)sql");
    q.bind(1, d.name);
    q.bind(2, static_cast<int64_t>(to_unix(d.from)));
    q.bind(3, static_cast<int64_t>(to_unix(d.to)));
    q.bind(4, static_cast<int64_t>(d.winners));
    q.bind(5, nlohmann::json(d.prizes).dump());
    q.bind(6, secret);
    q.bind(7, d.seed_commitment);
    q.bind(8, static_cast<int64_t>(to_unix(d.created_at)));
    q.bind(9, d.created_by);
    q.exec();
    return db_.sql().getLastInsertRowid();
}

std::optional<Draw> DrawStore::find(std::string_view name) const {
    auto found = draws(db_, "WHERE name = ?", std::string(name));
    if (found.empty()) return std::nullopt;
    return found.front();
}

Draw DrawStore::get(std::string_view name) const {
    if (auto found = find(name)) return *found;
    std::string names;
    for (const auto& d : list()) names += (names.empty() ? "" : ", ") + d.name;
    if (names.empty()) {
        throw NotFound(
            fmt::format("there is no draw '{}'; create one with `moshtari draws create "
                        "NAME --from DATE --to DATE --winners N`",
                        name));
    }
    throw NotFound(fmt::format("there is no draw '{}'; the draws are: {}", name, names));
}

std::vector<Draw> DrawStore::list() const {
    return draws(db_, "ORDER BY id");
}

std::vector<Draw> DrawStore::open() const {
    return draws(db_, "WHERE status = 'open' ORDER BY id");
}

std::string DrawStore::secret(std::int64_t draw) const {
    SQLite::Statement q(db_.sql(), "SELECT secret FROM loyalty_draws_draws WHERE id = ?");
    q.bind(1, static_cast<int64_t>(draw));
    q.executeStep();
    return q.getColumn(0).getString();
}

std::optional<std::int64_t> DrawStore::insert_entry(std::int64_t draw, const Entry& e) {
    SQLite::Statement q(db_.sql(), R"sql(
INSERT INTO loyalty_draws_entries (draw_id, source, customer_id, entries, at, reason, by_user)
VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (draw_id, source) DO NOTHING
)sql");
    q.bind(1, static_cast<int64_t>(draw));
    q.bind(2, e.source);
    bind_optional(q, 3, e.customer);
    q.bind(4, static_cast<int64_t>(e.count));
    q.bind(5, static_cast<int64_t>(to_unix(e.at)));
    q.bind(6, e.reason);
    q.bind(7, e.by);
    if (q.exec() == 0) return std::nullopt;
    return db_.sql().getLastInsertRowid();
}

std::vector<ListedEntry> DrawStore::listed(std::int64_t draw) const {
    SQLite::Statement q(
        db_.sql(),
        "SELECT id, customer_id, entries FROM loyalty_draws_entries WHERE draw_id = "
        "? AND customer_id IS NOT NULL ORDER BY id");
    q.bind(1, static_cast<int64_t>(draw));
    std::vector<ListedEntry> entries;
    while (q.executeStep()) {
        entries.push_back(
            {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
    }
    return entries;
}

std::vector<Entry> DrawStore::entries_of(CustomerId customer) const {
    SQLite::Statement q(db_.sql(), R"sql(
SELECT e.id, d.name, e.source, e.customer_id, e.entries, e.at, e.reason, e.by_user
FROM loyalty_draws_entries e JOIN loyalty_draws_draws d ON d.id = e.draw_id
WHERE e.customer_id = ? ORDER BY e.id
)sql");
    q.bind(1, static_cast<int64_t>(customer));
    std::vector<Entry> entries;
    while (q.executeStep()) {
        entries.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                           q.getColumn(2).getString(), optional_int(q.getColumn(3)),
                           q.getColumn(4).getInt64(), from_unix(q.getColumn(5).getInt64()),
                           q.getColumn(6).getString(), q.getColumn(7).getString()});
    }
    return entries;
}

std::optional<CustomerId> DrawStore::owner_of(std::int64_t entry) const {
    SQLite::Statement q(db_.sql(), "SELECT customer_id FROM loyalty_draws_entries WHERE id = ?");
    q.bind(1, static_cast<int64_t>(entry));
    if (!q.executeStep()) return std::nullopt;
    return optional_int(q.getColumn(0));
}

void DrawStore::commit(const Draw& d, const std::string& list) {
    SQLite::Statement q(db_.sql(), R"sql(
UPDATE loyalty_draws_draws SET status = 'committed', committed_at = ?, entries_sha256 = ?,
    entry_lines = ?, tickets = ?, customers = ?, beacon_source = ?
WHERE id = ? AND status = 'open'
)sql");
    q.bind(1, static_cast<int64_t>(to_unix(d.committed_at.value())));
    q.bind(2, d.entries_sha256);
    q.bind(3, static_cast<int64_t>(d.entry_lines));
    q.bind(4, static_cast<int64_t>(d.tickets));
    q.bind(5, static_cast<int64_t>(d.customers));
    q.bind(6, d.beacon_source);
    q.bind(7, static_cast<int64_t>(d.id));
    if (q.exec() != 1) throw UserError(fmt::format("draw '{}' is no longer open", d.name));
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO loyalty_draws_lists (draw_id, list) VALUES (?, ?)");
    insert.bind(1, static_cast<int64_t>(d.id));
    insert.bind(2, list);
    insert.exec();
}

std::string DrawStore::committed_list(std::int64_t draw) const {
    SQLite::Statement q(db_.sql(), "SELECT list FROM loyalty_draws_lists WHERE draw_id = ?");
    q.bind(1, static_cast<int64_t>(draw));
    if (!q.executeStep()) return {};
    return q.getColumn(0).getString();
}

void DrawStore::record_result(const Draw& d, const std::vector<RecordedPick>& picks) {
    SQLite::Statement q(db_.sql(), R"sql(
UPDATE loyalty_draws_draws SET status = 'drawn', drawn_at = ?, beacon = ?, seed = ?
WHERE id = ? AND status = 'committed'
)sql");
    q.bind(1, static_cast<int64_t>(to_unix(d.drawn_at.value())));
    q.bind(2, d.beacon);
    q.bind(3, d.seed);
    q.bind(4, static_cast<int64_t>(d.id));
    if (q.exec() != 1) throw UserError(fmt::format("draw '{}' is not committed", d.name));
    SQLite::Statement insert(db_.sql(), R"sql(
INSERT INTO loyalty_draws_picks (draw_id, position, entry_id, listed_customer, customer_id,
                                 winner, reason, rank, prize, message_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
    for (const auto& p : picks) {
        insert.reset();
        insert.bind(1, static_cast<int64_t>(d.id));
        insert.bind(2, static_cast<int64_t>(p.position));
        insert.bind(3, static_cast<int64_t>(p.entry));
        insert.bind(4, static_cast<int64_t>(p.listed_customer));
        bind_optional(insert, 5, p.customer);
        insert.bind(6, p.winner ? 1 : 0);
        insert.bind(7, p.reason);
        insert.bind(8, static_cast<int64_t>(p.rank));
        insert.bind(9, p.prize);
        bind_optional(insert, 10, p.message);
        insert.exec();
    }
}

std::vector<RecordedPick> DrawStore::picks(std::int64_t draw) const {
    SQLite::Statement q(db_.sql(),
                        std::string(kPickColumns) + "WHERE p.draw_id = ? ORDER BY p.position");
    q.bind(1, static_cast<int64_t>(draw));
    std::vector<RecordedPick> found;
    while (q.executeStep()) found.push_back(pick_row(q));
    return found;
}

std::vector<PickInDraw> DrawStore::picks_of(CustomerId customer) const {
    SQLite::Statement q(db_.sql(), std::string(kPickColumns) +
                                       "WHERE p.customer_id = ? ORDER BY p.draw_id, p.position");
    q.bind(1, static_cast<int64_t>(customer));
    std::vector<PickInDraw> found;
    while (q.executeStep()) found.push_back({q.getColumn(9).getString(), pick_row(q)});
    return found;
}

}  // namespace moshtari::draws
