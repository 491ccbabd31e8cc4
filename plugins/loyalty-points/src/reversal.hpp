#pragma once
// A cancelled order takes back exactly what it earned (its points and its first-order bonus) that
// has not already expired, spent or not. When that would take the balance below zero the
// programme's negative_balance decides: allow it (the customer owes), or clamp at zero and record
// the shortfall on the entry.

#include "ledger.hpp"
#include "settings.hpp"

namespace moshtari::loyalty {

// Idempotent: the entry's cause is the order. Nothing happens for an order that earned nothing.
void reverse_order(Database& db, const Programme& programme, OrderId order, Timestamp at);

}  // namespace moshtari::loyalty
