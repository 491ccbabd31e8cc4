#pragma once
// What qualifies customers in a programme, read set-based: one query for everyone an evaluation
// looks at, together with the standing each has now.

#include <optional>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/order.hpp"
#include "moshtari/time.hpp"
#include "programme.hpp"
#include "standing.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::tiers {

// Who an evaluation looks at.
struct Scope {
    enum class Kind { customer, orders, everyone };
    Kind kind = Kind::everyone;
    CustomerId customer = 0;  // Kind::customer
    OrderId first = 0;        // Kind::orders: the customers of the orders first..last
    OrderId last = 0;

    static Scope of_customer(CustomerId id) { return {Kind::customer, id, 0, 0}; }
    static Scope of_orders(OrderId first, OrderId last) { return {Kind::orders, 0, first, last}; }
    // Everyone with a standing in the programme or activity in the window.
    static Scope everyone() { return {}; }
};

struct Candidate {
    CustomerId customer = 0;
    std::int64_t qualifying = 0;
    std::optional<Standing> standing{};  // empty when never evaluated in the programme
    Timestamp evaluated_at{};            // of the standing
};

// The customers of `scope` with their qualifying value in the window ending at `as_of`: spend is
// order totals less what was refunded, of orders not cancelled, in the programme's currency;
// points are what loyalty-points' ledger earned in the window, less what reversals took back of
// orders in it. Throws UserError when the programme counts points and loyalty-points' ledger is
// not there.
std::vector<Candidate> candidates(Database& db, const Programme& programme, Timestamp as_of,
                                  const Scope& scope);

// The window the qualifying value is summed over: after `from`, up to and including `as_of`.
Timestamp window_start(const Programme& programme, Timestamp as_of);

// Throws UserError naming what to do when `programme` counts points and loyalty-points' ledger
// does not exist in the database.
void check_points_source(Database& db, const Programme& programme);

}  // namespace moshtari::tiers
