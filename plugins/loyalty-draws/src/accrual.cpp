#include "accrual.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "moshtari/database.hpp"

namespace moshtari::draws {

namespace {

// What one order or interaction earns in a draw.
struct Earned {
    std::int64_t source_id = 0;
    std::int64_t customer = 0;
    std::int64_t at = 0;
    std::int64_t count = 0;
};

struct SourceKind {
    const char* prefix;  // "order" gives sources "order:<id>"
    const char* column;  // where the id is kept
};

constexpr SourceKind kOrder{"order", "order_id"};
constexpr SourceKind kReferral{"referral", "interaction_id"};

// Writes what the range earns now and removes the entries of the range that earn nothing any more.
void apply(Database& db, const Draw& draw, const SourceKind& kind, std::int64_t first,
           std::int64_t last, const std::vector<Earned>& earned) {
    SQLite::Statement upsert(db.sql(), fmt::format(R"sql(
INSERT INTO loyalty_draws_entries (draw_id, source, customer_id, entries, at, {0})
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (draw_id, source) DO UPDATE SET customer_id = excluded.customer_id,
    entries = excluded.entries, at = excluded.at
)sql",
                                                   kind.column));
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& e : earned) {
        upsert.reset();
        upsert.bind(1, static_cast<int64_t>(draw.id));
        upsert.bind(2, fmt::format("{}:{}", kind.prefix, e.source_id));
        upsert.bind(3, static_cast<int64_t>(e.customer));
        upsert.bind(4, static_cast<int64_t>(e.count));
        upsert.bind(5, static_cast<int64_t>(e.at));
        upsert.bind(6, static_cast<int64_t>(e.source_id));
        upsert.exec();
        kept.push_back(e.source_id);
    }
    SQLite::Statement remove(db.sql(), fmt::format(R"sql(
DELETE FROM loyalty_draws_entries WHERE draw_id = ?1 AND {0} BETWEEN ?2 AND ?3
  AND {0} NOT IN (SELECT value FROM json_each(?4))
)sql",
                                                   kind.column));
    remove.bind(1, static_cast<int64_t>(draw.id));
    remove.bind(2, static_cast<int64_t>(first));
    remove.bind(3, static_cast<int64_t>(last));
    remove.bind(4, kept.dump());
    remove.exec();
}

}  // namespace

void accrue_orders(Database& db, const OrderRule& rule, const std::vector<Draw>& draws,
                   std::int64_t first, std::int64_t last) {
    if (!rule.enabled()) return;
    SQLite::Statement query(db.sql(), R"sql(
SELECT id, customer_id, at, total_minor - refunded_minor FROM orders
WHERE id BETWEEN ?1 AND ?2 AND customer_id IS NOT NULL AND cancelled = 0 AND currency = ?3
  AND at >= ?4 AND at < ?5
ORDER BY id
)sql");
    for (const Draw& draw : draws) {
        query.reset();
        query.bind(1, static_cast<int64_t>(first));
        query.bind(2, static_cast<int64_t>(last));
        query.bind(3, rule.currency);
        query.bind(4, static_cast<int64_t>(to_unix(draw.from)));
        query.bind(5, static_cast<int64_t>(to_unix(draw.to)));
        std::vector<Earned> earned;
        while (query.executeStep()) {
            const std::int64_t count = rule.entries_for(query.getColumn(3).getInt64());
            if (count == 0) continue;
            earned.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                              query.getColumn(2).getInt64(), count});
        }
        apply(db, draw, kOrder, first, last, earned);
    }
}

void accrue_referrals(Database& db, const ReferralRule& rule, const std::vector<Draw>& draws,
                      std::int64_t first, std::int64_t last) {
    if (!rule.enabled()) return;
    SQLite::Statement query(db.sql(), R"sql(
SELECT id, customer_id, at FROM interactions
WHERE id BETWEEN ?1 AND ?2 AND customer_id IS NOT NULL AND kind = ?3 AND at >= ?4 AND at < ?5
ORDER BY id
)sql");
    for (const Draw& draw : draws) {
        query.reset();
        query.bind(1, static_cast<int64_t>(first));
        query.bind(2, static_cast<int64_t>(last));
        query.bind(3, rule.kind);
        query.bind(4, static_cast<int64_t>(to_unix(draw.from)));
        query.bind(5, static_cast<int64_t>(to_unix(draw.to)));
        std::vector<Earned> earned;
        while (query.executeStep()) {
            earned.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                              query.getColumn(2).getInt64(), rule.entries});
        }
        apply(db, draw, kReferral, first, last, earned);
    }
}

void accrue_everything(Database& db, const Settings& settings, const Draw& draw) {
    constexpr std::int64_t kAll = std::numeric_limits<std::int64_t>::max();
    accrue_orders(db, settings.orders, {draw}, 1, kAll);
    accrue_referrals(db, settings.referrals, {draw}, 1, kAll);
}

}  // namespace moshtari::draws
