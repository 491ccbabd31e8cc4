#pragma once
// The `loyalty-points:` section: one or more programmes, each with its currency, earn rules,
// bonuses, caps, redemption rate, lifetime of points and policy for a balance a reversal would
// take below zero.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "earn_rules.hpp"
#include "moshtari/config_section.hpp"
#include "moshtari/money.hpp"
#include "moshtari/time.hpp"

namespace moshtari::loyalty {

enum class Period { none, day, month, year };

// What a reversal does when the points it takes back were already spent.
enum class NegativeBalance {
    allow,  // the balance goes below zero: the customer owes points, paid from the next earnings
    clamp,  // the balance stops at zero and the entry records the points it could not take back
};

struct Programme {
    std::string id{};
    std::string currency{};  // only orders in this currency earn in this programme
    EarnRules earn{};
    std::int64_t cap_per_period = 0;  // 0: no cap; counts points earned from orders, not bonuses
    Period period = Period::none;
    std::int64_t first_order_bonus = 0;
    std::int64_t birthday_bonus = 0;
    std::map<std::string, std::int64_t> bonuses{};  // by hand: `loyalty earn --bonus NAME`
    std::int64_t redeem_points = 100;               // this many points ...
    Money redeem_value{};                           // ... are worth this much
    std::int64_t minimum_redemption = 1;
    std::int64_t lifetime_days = 0;  // 0: points never expire
    NegativeBalance negative_balance = NegativeBalance::clamp;

    // When points earned at `at` expire; Timestamp{} when they never do.
    Timestamp expiry_of(Timestamp at) const;
    // What `points` are worth at the redemption rate, rounded down.
    Money value_of(std::int64_t points) const;
};

struct Settings {
    std::vector<Programme> programmes;

    // The programme named `id`, or the only one when `id` is empty; UserError otherwise, naming
    // the programmes there are.
    const Programme& programme(std::string_view id) const;
};

// Reads and checks the section; every problem is a ConfigError at its file:line:column.
Settings read_settings(const ConfigSection& section);

}  // namespace moshtari::loyalty
