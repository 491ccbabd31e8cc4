#pragma once
// The plugin's events in the event log. They name the campaign, customer, order and row ids, never
// the code itself: a code is a bearer secret, and the log is readable by every subscriber.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace moshtari::coupons::events {

// A code of the campaign was issued to a customer, or created for anyone (customer_id 0).
struct CouponIssued {
    static constexpr std::string_view kType = "CouponIssued";
    std::int64_t coupon_id = 0;
    std::string campaign;
    std::int64_t customer_id = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CouponIssued, coupon_id, campaign, customer_id)
};

struct CouponRedeemed {
    static constexpr std::string_view kType = "CouponRedeemed";
    std::int64_t redemption_id = 0;
    std::string campaign;
    std::int64_t coupon_id = 0;    // 0 for a shared code
    std::int64_t customer_id = 0;  // 0 for a guest order
    std::int64_t order_id = 0;
    std::int64_t discount_minor = 0;
    std::string currency;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CouponRedeemed, redemption_id, campaign, coupon_id, customer_id,
                                   order_id, discount_minor, currency)
};

// The order was cancelled or refunded in full: the redemption no longer counts against any limit.
struct CouponReleased {
    static constexpr std::string_view kType = "CouponReleased";
    std::int64_t redemption_id = 0;
    std::string campaign;
    std::int64_t customer_id = 0;
    std::int64_t order_id = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(CouponReleased, redemption_id, campaign, customer_id, order_id)
};

}  // namespace moshtari::coupons::events
