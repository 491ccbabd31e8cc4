#include "qualification.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/database.hpp"
#include "moshtari/error.hpp"

namespace moshtari::tiers {

namespace {

// Parameters of every query: ?1 programme, ?2 window start (exclusive), ?3 as of (inclusive),
// ?4 currency or points programme, ?5 and ?6 the scope's customer or order range.

// Customers with activity in the window, unrestricted: who `everyone` adds to the standings.
const char* active_customers(Basis basis) {
    if (basis == Basis::spend) {
        return "SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND currency = ?4 "
               "AND at > ?2 AND at <= ?3";
    }
    return "SELECT customer_id FROM loyalty_points_ledger WHERE customer_id IS NOT NULL "
           "AND programme = ?4 AND kind = 'earn' AND at > ?2 AND at <= ?3";
}

std::string targets(const Scope& scope, Basis basis) {
    switch (scope.kind) {
        case Scope::Kind::customer:
            return "SELECT ?5";
        case Scope::Kind::orders:
            return "SELECT DISTINCT customer_id FROM orders "
                   "WHERE id BETWEEN ?5 AND ?6 AND customer_id IS NOT NULL";
        case Scope::Kind::everyone:
            break;
    }
    return fmt::format(
        "SELECT customer_id FROM loyalty_tiers_members WHERE programme = ?1 UNION {}",
        active_customers(basis));
}

// Reversals count against the window of the order they reverse, so a refund today of an order
// that already left the window takes nothing from this year's value.
const char* activity(Basis basis) {
    if (basis == Basis::spend) {
        return R"sql(
SELECT customer_id, SUM(total_minor - refunded_minor) AS value FROM orders
WHERE customer_id IN (SELECT customer_id FROM targets) AND currency = ?4 AND cancelled = 0
  AND at > ?2 AND at <= ?3
GROUP BY customer_id)sql";
    }
    return R"sql(
SELECT customer_id, SUM(points) AS value FROM (
    SELECT customer_id, points FROM loyalty_points_ledger
    WHERE programme = ?4 AND kind = 'earn' AND at > ?2 AND at <= ?3
      AND customer_id IN (SELECT customer_id FROM targets)
    UNION ALL
    SELECT r.customer_id, r.points - r.shortfall FROM loyalty_points_ledger r
    JOIN orders o ON o.id = r.order_id
    WHERE r.programme = ?4 AND r.kind = 'reverse' AND o.at > ?2 AND o.at <= ?3 AND r.at <= ?3
      AND r.customer_id IN (SELECT customer_id FROM targets))
GROUP BY customer_id)sql";
}

}  // namespace

Timestamp window_start(const Programme& programme, Timestamp as_of) {
    return as_of - std::chrono::days{programme.window_days};
}

void check_points_source(Database& db, const Programme& programme) {
    if (programme.basis != Basis::points) return;
    if (db.sql().tableExists("loyalty_points_ledger")) return;
    throw UserError(fmt::format(
        "tier programme '{}' qualifies by points earned in loyalty-points programme '{}', but "
        "loyalty-points' ledger (loyalty_points_ledger) is not in this database: enable the "
        "loyalty-points plugin, or qualify by spend with 'by: spend'",
        programme.id, programme.points_programme));
}

std::vector<Candidate> candidates(Database& db, const Programme& programme, Timestamp as_of,
                                  const Scope& scope) {
    check_points_source(db, programme);
    SQLite::Statement query(
        db.sql(), fmt::format(R"sql(
WITH targets(customer_id) AS ({}),
activity AS ({})
SELECT t.customer_id, COALESCE(a.value, 0), m.tier, m.since, m.grace_ends_at, m.evaluated_at
FROM targets t
JOIN customers c ON c.id = t.customer_id
LEFT JOIN activity a ON a.customer_id = t.customer_id
LEFT JOIN loyalty_tiers_members m ON m.programme = ?1 AND m.customer_id = t.customer_id
ORDER BY t.customer_id
)sql",
                              targets(scope, programme.basis), activity(programme.basis)));
    query.bind(1, programme.id);
    query.bind(2, static_cast<int64_t>(to_unix(window_start(programme, as_of))));
    query.bind(3, static_cast<int64_t>(to_unix(as_of)));
    query.bind(4,
               programme.basis == Basis::spend ? programme.currency : programme.points_programme);
    if (scope.kind == Scope::Kind::customer) query.bind(5, static_cast<int64_t>(scope.customer));
    if (scope.kind == Scope::Kind::orders) {
        query.bind(5, static_cast<int64_t>(scope.first));
        query.bind(6, static_cast<int64_t>(scope.last));
    }
    std::vector<Candidate> found;
    while (query.executeStep()) {
        Candidate c;
        c.customer = query.getColumn(0).getInt64();
        c.qualifying = query.getColumn(1).getInt64();
        if (!query.getColumn(2).isNull()) {
            Standing s;
            s.tier = query.getColumn(2).getString();
            s.since = from_unix(query.getColumn(3).getInt64());
            if (!query.getColumn(4).isNull())
                s.grace_ends = from_unix(query.getColumn(4).getInt64());
            c.standing = std::move(s);
            c.evaluated_at = from_unix(query.getColumn(5).getInt64());
        }
        found.push_back(std::move(c));
    }
    return found;
}

}  // namespace moshtari::tiers
