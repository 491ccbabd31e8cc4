#pragma once
// The demo's loyalty programme: the story's orders earn points through loyalty-points' durable
// subscriber and tiers through loyalty-tiers' as the story is recorded; at the end, points older
// than a year lapse (first in, first out), the largest balances and the tiers are shown,
// loyalty-coupons issues a comeback coupon to the lapsed customers and loyalty-draws draws the
// autumn prizes, all through the plugins' own commands.

#include <string>

#include "moshtari/time.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

inline constexpr const char* kLoyaltyPlugin = "loyalty-points";
inline constexpr const char* kCouponPlugin = "loyalty-coupons";
inline constexpr const char* kTiersPlugin = "loyalty-tiers";
inline constexpr const char* kDrawsPlugin = "loyalty-draws";

// loyalty-points' section of the demo's moshtari.yaml.
std::string demo_loyalty_section();
// loyalty-coupons' section: the comeback campaign.
std::string demo_coupon_section();

// loyalty-tiers' section: bronze, silver and gold by spend in a year.
std::string demo_tiers_section();
// loyalty-draws' section: tickets from orders; wholesale customers and those who may not be
// emailed cannot win.
std::string demo_draws_section();

// Expires lapsed points and returns what the demo prints about the programme.
std::string loyalty_story(Workspace& workspace);
// The customers per tier, as the worker evaluated them while the story's orders came in.
std::string tiers_story(Workspace& workspace);
// Creates, runs and verifies a prize draw over the last three months' orders.
std::string draw_story(Workspace& workspace, Timestamp as_of);
// Issues the comeback coupon to the lapsed customers and returns what the demo prints about it.
std::string coupon_story(Workspace& workspace);

}  // namespace moshtari::cli
