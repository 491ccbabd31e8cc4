#pragma once
// Giving out codes: one per customer of a campaign (to a customer, a tag or a lifecycle stage),
// idempotent per (campaign, customer), or a batch for anyone (printed flyers). One transaction
// each.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "coupon_store.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::coupons {

// Exactly one of the three is set.
struct Audience {
    std::optional<CustomerId> customer{};
    std::string tag{};
    std::string stage{};  // customers whose lifecycle_stage is this
};

struct Issued {
    Coupon coupon{};
    bool fresh = false;  // false: the customer already had a code of the campaign
};

std::vector<Issued> issue(Workspace& workspace, const Settings& settings, const Campaign& campaign,
                          const Audience& audience, const std::string& by, Timestamp at);

// `count` codes anyone may use (each as often as uses_per_code allows).
std::vector<Coupon> create_codes(Workspace& workspace, const Settings& settings,
                                 const Campaign& campaign, std::size_t count, const std::string& by,
                                 Timestamp at);

}  // namespace moshtari::coupons
