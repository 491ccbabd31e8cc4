#pragma once
// Points expire first-in first-out: each amount received is a lot that lasts the programme's
// lifetime; spending takes from the oldest lot still valid at the time, and what is left of a lot
// when its time comes expires. Recording is idempotent: an expiry's cause is the lot it empties.

#include <optional>
#include <span>
#include <vector>

#include "ledger.hpp"
#include "settings.hpp"

namespace moshtari::loyalty {

struct DueExpiry {
    CustomerId customer = 0;
    std::int64_t lot = 0;     // the ledger entry whose points expire
    std::int64_t points = 0;  // what is left of it
    Timestamp at{};           // when it expired
};

// The lots of one customer's `entries` (in the order they were written) that expired by `as_of`
// with points left, and no expiry recorded yet.
std::vector<DueExpiry> due_expiries(std::span<const Entry> entries, Timestamp as_of);

// Finds what expired by `as_of` in the programme (for one customer, or everyone) and, unless
// `dry_run`, records it, all in one transaction. Returns what expired.
std::vector<DueExpiry> expire(Database& db, const Programme& programme, Timestamp as_of,
                              std::optional<CustomerId> customer, bool dry_run);

}  // namespace moshtari::loyalty
