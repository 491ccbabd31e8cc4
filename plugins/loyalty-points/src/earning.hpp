#pragma once
// Earning from orders and birthdays, set-based: a batch of imported orders is read in one query and
// written in one insert, inside the dispatcher's transaction. Idempotent on the cause: an order
// already earned for is skipped, whatever restarted.

#include "moshtari/order.hpp"
#include "settings.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::loyalty {

// Earns for the customers' orders with ids first..last in the programme's currency, not cancelled:
// the order's points (after the caps) and the first-order bonus. Returns the entries written.
std::size_t earn_for_orders(Database& db, const Programme& programme, OrderId first, OrderId last);

// The birthday bonus for every customer of the programme (with an entry in it) born on `day`'s
// month and day, once per year. Returns the entries written.
std::size_t award_birthdays(Database& db, const Programme& programme, Date day);

}  // namespace moshtari::loyalty
