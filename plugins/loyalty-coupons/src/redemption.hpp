#pragma once
// Whether a typed code may be used on an order, and by how much it lowers the total; redeeming
// checks again and records the redemption in the same BEGIN IMMEDIATE transaction, so two
// processes cannot both use a last remaining use.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "coupon_store.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::coupons {

struct Verdict {
    std::string code{};                    // canonical
    const Campaign* campaign = nullptr;    // nullptr when no campaign has the code
    std::optional<Coupon> coupon{};        // empty for a shared code
    std::optional<CustomerId> customer{};  // the order's; empty for a guest order
    std::string reason{};                  // empty when the code may be used
    std::int64_t discount_minor = 0;

    bool valid() const { return reason.empty(); }
};

// Reads only. `at` is when the code would be used.
Verdict check(Workspace& workspace, const Settings& settings, std::string_view typed, OrderId order,
              Timestamp at);

// Checks and records the redemption with its CouponRedeemed event; UserError with the reason when
// the code may not be used.
Redemption redeem(Workspace& workspace, const Settings& settings, std::string_view typed,
                  OrderId order, Timestamp at);

// Releases the redemptions of a cancelled or fully refunded order, with a CouponReleased event
// each: they no longer count against any limit. Safe to repeat.
void release_order(Workspace& workspace, OrderId order, Timestamp at);

}  // namespace moshtari::coupons
