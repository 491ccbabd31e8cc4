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
    std::int64_t points = 0;      // everything the order earned
    std::int64_t expired = 0;     // of which expired
    std::int64_t taken_back = 0;  // by earlier reversals, shortfalls included
    std::int64_t outstanding() const { return points - expired - taken_back; }
};

std::optional<Earned> earned_by(Database& db, const Programme& programme, OrderId order) {
    SQLite::Statement query(db.sql(), R"sql(
SELECT e.customer_id, SUM(e.points),
       COALESCE(SUM((SELECT -SUM(x.points) FROM loyalty_points_ledger x WHERE x.lot_id = e.id)), 0),
       (SELECT COALESCE(SUM(shortfall - points), 0) FROM loyalty_points_ledger r
        WHERE r.programme = ?1 AND r.kind = 'reverse' AND r.order_id = ?2)
FROM loyalty_points_ledger e
WHERE e.programme = ?1 AND e.kind = 'earn' AND e.order_id = ?2 AND e.customer_id IS NOT NULL
GROUP BY e.customer_id
)sql");
    query.bind(1, programme.id);
    query.bind(2, static_cast<int64_t>(order));
    if (!query.executeStep()) return std::nullopt;
    return Earned{query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                  query.getColumn(2).getInt64(), query.getColumn(3).getInt64()};
}

// Writes the reversal `cause` of the order, taking back what `owed` says of what it earned.
template <class Owed>
void take_back(Database& db, const Programme& programme, OrderId order, const std::string& cause,
               Timestamp at, Owed owed_of) {
    Transaction tx(db);
    Ledger ledger(db);
    if (ledger.find(programme.id, EntryKind::reverse, cause)) return;
    const auto before = earned_by(db, programme, order);
    if (!before) return;  // the order earned nothing here
    // What expired by now is gone already and is not taken twice.
    expire(db, programme, at, before->customer, false);
    const Earned earned = *earned_by(db, programme, order);
    const std::int64_t owed = std::clamp<std::int64_t>(
        owed_of(earned), 0, std::max<std::int64_t>(earned.outstanding(), 0));
    const std::int64_t balance = ledger.balance(programme.id, earned.customer);
    const std::int64_t taken = programme.negative_balance == NegativeBalance::allow
                                   ? owed
                                   : std::clamp<std::int64_t>(balance, 0, owed);
    Entry entry;
    entry.programme = programme.id;
    entry.customer = earned.customer;
    entry.kind = EntryKind::reverse;
    entry.cause = cause;
    entry.points = -taken;
    entry.at = at;
    entry.order = order;
    entry.rule = cause.starts_with("refund") ? "refunded" : "cancelled";
    entry.shortfall = owed - taken;
    ledger.append({entry});
    tx.commit();
}

}  // namespace

void reverse_cancelled(Database& db, const Programme& programme, OrderId order, Timestamp at) {
    take_back(db, programme, order, fmt::format("order:{}", order), at,
              [](const Earned& earned) { return earned.outstanding(); });
}

void reverse_refunded(Database& db, const Programme& programme, OrderId order,
                      std::int64_t refunded_minor, std::int64_t total_minor, Timestamp at) {
    take_back(db, programme, order, fmt::format("refund:{}:{}", order, refunded_minor), at,
              [&](const Earned& earned) {
                  const auto due = static_cast<std::int64_t>(static_cast<Wide>(earned.points) *
                                                             refunded_minor / total_minor);
                  return due - earned.taken_back;
              });
}

}  // namespace moshtari::loyalty
