#pragma once
// The demo's loyalty programme: the story's orders earn points through loyalty-points' durable
// subscriber as the story is recorded; at the end, points older than a year lapse (first in,
// first out), the largest balances are shown, and loyalty-coupons issues a comeback coupon to the
// lapsed customers, all through the plugins' own commands.

#include <string>

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

inline constexpr const char* kLoyaltyPlugin = "loyalty-points";
inline constexpr const char* kCouponPlugin = "loyalty-coupons";

// loyalty-points' section of the demo's moshtari.yaml.
std::string demo_loyalty_section();
// loyalty-coupons' section: the comeback campaign.
std::string demo_coupon_section();

// Expires lapsed points and returns what the demo prints about the programme.
std::string loyalty_story(Workspace& workspace);
// Issues the comeback coupon to the lapsed customers and returns what the demo prints about it.
std::string coupon_story(Workspace& workspace);

}  // namespace moshtari::cli
