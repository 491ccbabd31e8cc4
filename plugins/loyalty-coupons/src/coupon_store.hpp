#pragma once
// The plugin's tables: the codes (generated ones; a shared code lives in the configuration) and the
// redemptions against orders. Callers hold the Transaction; this only reads and writes rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/order.hpp"
#include "moshtari/time.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::coupons {

std::vector<Migration> migrations();

struct Coupon {
    std::int64_t id = 0;
    std::string campaign{};
    std::string code{};                    // canonical
    std::optional<CustomerId> customer{};  // whom it was issued to
    bool personal = false;  // only `customer` may use it; stays set once they are erased
    Timestamp issued_at{};
    std::string by{};
};

struct Redemption {
    std::int64_t id = 0;
    std::string campaign{};
    std::optional<std::int64_t> coupon{};  // empty for a campaign's shared code
    std::string code{};                    // canonical
    std::optional<CustomerId> customer{};  // the order's customer; empty for a guest order
    OrderId order = 0;
    std::int64_t discount_minor = 0;
    std::string currency{};
    bool stackable = false;
    Timestamp at{};
    std::optional<Timestamp> released_at{};  // the order was cancelled or refunded in full
};

class CouponStore {
  public:
    explicit CouponStore(Database& db) : db_(db) {}

    std::optional<Coupon> find_code(std::string_view canonical) const;
    // The first code of the campaign issued to the customer.
    std::optional<Coupon> issued_to(std::string_view campaign, CustomerId customer) const;
    // The new row's id, or nullopt when the code is taken (draw another).
    std::optional<std::int64_t> insert(const Coupon& coupon);
    std::vector<Coupon> coupons_of(CustomerId customer) const;

    // Redemptions that stand (not released), and counts of them.
    std::vector<Redemption> standing_on(OrderId order) const;
    std::int64_t uses_of_code(std::string_view canonical) const;
    std::int64_t uses_by(std::string_view campaign, CustomerId customer) const;
    std::int64_t uses_of_campaign(std::string_view campaign) const;

    std::int64_t insert(const Redemption& redemption);
    // Marks the order's standing redemptions released at `at` and returns them.
    std::vector<Redemption> release(OrderId order, Timestamp at);
    std::vector<Redemption> redemptions_of(CustomerId customer) const;

  private:
    Database& db_;
};

}  // namespace moshtari::coupons
