#pragma once
// A cancelled or refunded order takes back what it earned (its points and its first-order bonus),
// spent or not: all of it on cancellation, in proportion to the amount refunded on a refund. Points
// of the order that already expired are gone and are not taken twice. When taking back would bring
// the balance below zero the programme's negative_balance decides: allow it (the customer owes), or
// clamp at zero and record the shortfall on the entry.

#include "ledger.hpp"
#include "settings.hpp"

namespace moshtari::loyalty {

// Takes back whatever the order earned that is not yet taken back or expired. Idempotent: the
// entry's cause is the order.
void reverse_cancelled(Database& db, const Programme& programme, OrderId order, Timestamp at);

// Takes back refunded_minor / total_minor of what the order earned, less what was taken back
// before. Idempotent: the entry's cause is the order and the amount refunded so far.
void reverse_refunded(Database& db, const Programme& programme, OrderId order,
                      std::int64_t refunded_minor, std::int64_t total_minor, Timestamp at);

}  // namespace moshtari::loyalty
