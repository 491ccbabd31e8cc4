#pragma once
// Upkeep of customer_order_facts, shared by every store that writes orders. Each call runs inside
// the caller's transaction, so the facts change with the orders they count.

#include <cstddef>
#include <cstdint>
#include <string>

#include "moshtari/customer.hpp"
#include "moshtari/order.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::sqlite {

// The counted orders per customer (customer_id, first_order_at, last_order_at, orders,
// spend_minor), narrowed by `where` on orders `o` and the mark `m`.
std::string order_facts_query(const std::string& where);
// At open: counts facts in `currency` from now on, forgetting facts kept in another one.
void prepare_order_facts(Database& db, const std::string& currency);
// Recounts one customer's orders up to the mark, after a change to orders already counted
// (cancel, refund, a replaced order, a merge, an erasure).
void recount_order_facts(Database& db, CustomerId customer);
// Counts an order just added, when every order before it is counted already; otherwise leaves it
// to the next catch-up.
void count_new_order(Database& db, OrderId id);
// Counts every order above the mark in one pass and moves the mark to the newest. Returns how
// many orders it looked at.
std::size_t catch_up_order_facts(Database& db);
// No counted order is later than this (Unix seconds); it may be later than every order still
// counted, after a cancellation or an erasure.
std::int64_t latest_counted_order_at(Database& db);

}  // namespace moshtari::sqlite
