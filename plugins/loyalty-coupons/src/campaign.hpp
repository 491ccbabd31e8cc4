#pragma once
// A coupon campaign's terms, as configured under loyalty-coupons.campaigns: the discount, who may
// use it, when, how often, and whether it combines with other coupons on one order.

#include <cstdint>
#include <string>

#include "moshtari/money.hpp"
#include "moshtari/time.hpp"

namespace moshtari::coupons {

enum class DiscountKind { percent, amount };

struct Campaign {
    std::string id{};
    std::string currency{};  // orders in another currency cannot use the campaign's coupons
    DiscountKind kind = DiscountKind::percent;
    std::int64_t percent_hundredths = 0;  // 1250 is 12.5 %
    std::int64_t amount_minor = 0;
    std::int64_t minimum_minor = 0;      // the order total must be at least this
    Timestamp valid_from{};              // Timestamp{}: from the start
    Timestamp valid_until{};             // exclusive; Timestamp{}: no end
    std::int64_t valid_days = 0;         // a generated code lapses this long after issue; 0: never
    std::int64_t uses_per_code = 1;      // 0: unlimited
    std::int64_t uses_per_customer = 1;  // 0: unlimited
    std::int64_t total_uses = 0;         // across the campaign; 0: unlimited
    bool stackable = false;              // an order carries at most one non-stackable coupon
    std::string shared_code{};           // canonical; empty when codes are generated per customer

    bool shared() const { return !shared_code.empty(); }
    // The discount on an order of `total_minor` of which `discounted_minor` is already taken off by
    // other coupons: percentages round half away from zero, and the discounts never exceed the
    // total.
    std::int64_t discount(std::int64_t total_minor, std::int64_t discounted_minor) const;
    // When a code issued at `issued_at` stops being valid; Timestamp{} when it never does.
    Timestamp expiry_of(Timestamp issued_at) const;
    // "12.5% off" or "5.00 EUR off".
    std::string describe() const;
};

}  // namespace moshtari::coupons
