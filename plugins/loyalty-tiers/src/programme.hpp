#pragma once
// A tier programme as configured under loyalty-tiers.programmes: what qualifies (spend or points
// earned in a rolling window), the tiers in ascending order with their thresholds and benefits,
// and how long a customer keeps a tier after falling below it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::tiers {

enum class Basis {
    spend,   // order totals less refunds, cancelled orders left out, in the programme's currency
    points,  // points earned in a loyalty-points programme, less what reversals took back
};

const char* to_string(Basis basis);

// What a tier gives. Decimals stay the text configured ("1.25"), so a reader parses them exactly.
struct Benefits {
    std::string earn_multiplier = "1";
    std::string discount_percent = "0";
    bool free_shipping = false;
    bool priority_support = false;
    std::optional<std::int64_t> delivery_days{};      // none: the shop's standard delivery
    nlohmann::json extra = nlohmann::json::object();  // free-form keys, text values

    nlohmann::json to_json() const;
};

struct Tier {
    std::string id{};
    std::string name{};          // for people; defaults to the id
    std::int64_t threshold = 0;  // minor units of the currency (spend) or points
    Benefits benefits{};
};

struct Programme {
    std::string id{};
    std::string currency{};
    Basis basis = Basis::spend;
    std::string points_programme{};  // the loyalty-points programme, for Basis::points
    std::int64_t window_days = 365;
    std::int64_t grace_days = 30;
    std::vector<Tier> tiers{};  // ascending thresholds

    // The rank (index into tiers) of the highest tier `value` reaches; -1 when it reaches none.
    int qualified_rank(std::int64_t value) const;
    // The rank of the tier named `id`; -1 for no tier, or one no longer configured.
    int rank_of(std::string_view id) const;
    // "250.00 EUR" or "250 points".
    std::string format_value(std::int64_t value) const;
};

}  // namespace moshtari::tiers
