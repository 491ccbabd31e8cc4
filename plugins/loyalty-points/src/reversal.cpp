#include "reversal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "expiry.hpp"
#include "moshtari/database.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::loyalty {

namespace {

struct Earned {
    CustomerId customer = 0;
    std::int64_t points = 0;   // everything the order earned
    std::int64_t expired = 0;  // of which already expired
};

std::optional<Earned> earned_by(Database& db, const Programme& programme, OrderId order) {
    SQLite::Statement query(db.sql(), R"sql(
SELECT e.customer_id, SUM(e.points),
       COALESCE(SUM((SELECT -SUM(x.points) FROM loyalty_points_ledger x WHERE x.lot_id = e.id)), 0)
FROM loyalty_points_ledger e
WHERE e.programme = ?1 AND e.kind = 'earn' AND e.order_id = ?2 AND e.customer_id IS NOT NULL
GROUP BY e.customer_id
)sql");
    query.bind(1, programme.id);
    query.bind(2, static_cast<int64_t>(order));
    if (!query.executeStep()) return std::nullopt;
    return Earned{query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                  query.getColumn(2).getInt64()};
}

}  // namespace

void reverse_order(Database& db, const Programme& programme, OrderId order, Timestamp at) {
    Transaction tx(db);
    Ledger ledger(db);
    const std::string cause = fmt::format("order:{}", order);
    if (ledger.find(programme.id, EntryKind::reverse, cause)) return;
    auto earned = earned_by(db, programme, order);
    if (!earned) return;
    // What expired by now is gone already and is not taken twice.
    expire(db, programme, at, earned->customer, false);
    earned = earned_by(db, programme, order);
    const std::int64_t owed = earned->points - earned->expired;
    const std::int64_t balance = ledger.balance(programme.id, earned->customer);
    const std::int64_t taken = programme.negative_balance == NegativeBalance::allow
                                   ? owed
                                   : std::clamp<std::int64_t>(balance, 0, owed);
    Entry entry;
    entry.programme = programme.id;
    entry.customer = earned->customer;
    entry.kind = EntryKind::reverse;
    entry.cause = cause;
    entry.points = -taken;
    entry.at = at;
    entry.order = order;
    entry.rule = "cancelled";
    entry.shortfall = owed - taken;
    ledger.append({entry});
    tx.commit();
}

}  // namespace moshtari::loyalty
