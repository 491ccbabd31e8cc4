#pragma once
// An order: what a customer bought, when, for how much.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/money.hpp"

namespace moshtari {

using OrderId = std::int64_t;

struct OrderLine {
    std::string sku{};
    std::string description{};
    std::int64_t quantity = 1;
    std::int64_t unit_price_minor = 0;  // in the order's currency
    std::string category{};             // the product's category ("coffee"); empty when unknown

    friend bool operator==(const OrderLine&, const OrderLine&) = default;
};

struct Order {
    OrderId id = 0;
    // Empty for a guest order: shops sell to people who never leave their details, and their
    // orders still count in revenue.
    std::optional<CustomerId> customer_id{};
    std::string external_id{};  // the shop's or ERP's order number; unique when given
    Timestamp at{};
    Money total{};
    bool cancelled = false;
    std::int64_t refunded_minor = 0;  // refunded so far, in the order's currency
    std::vector<OrderLine> lines{};
};

}  // namespace moshtari
