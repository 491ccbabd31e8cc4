#pragma once
// Orders; adding one emits OrderPlaced, cancelling one OrderCancelled, refunding OrderRefunded.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "moshtari/export.hpp"
#include "moshtari/order.hpp"

namespace moshtari {

class MOSHTARI_API OrderStore {
  public:
    virtual ~OrderStore() = default;

    // Refuses a second order with the same external id, naming the existing one.
    virtual OrderId add(const Order& order) = 0;
    // Marks the order cancelled at `at` (now when unset); refuses an order already cancelled.
    virtual void cancel(OrderId id, Timestamp at = {}) = 0;
    // Adds `amount` (in the order's currency) to what was refunded of the order at `at` (now when
    // unset); refuses a cancelled order or more than is left to refund.
    virtual void refund(OrderId id, const Money& amount, Timestamp at = {}) = 0;
    virtual Order get(OrderId id) const = 0;
    virtual std::optional<Order> find_by_external_id(std::string_view external_id) const = 0;
    // Newest first; all customers when `customer` is empty.
    virtual std::vector<Order> list(std::optional<CustomerId> customer,
                                    std::size_t limit) const = 0;
};

}  // namespace moshtari
