#pragma once
// How many points an order earns: a rate per currency unit with rounding, a minimum order, the
// multipliers of its lines' product categories, the best multiplier among the customer's tags and
// a cap per order. Pure arithmetic on integers.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::loyalty {

// Products of amounts and rates overflow 64 bits before they are divided back down.
__extension__ typedef __int128 Wide;

// An exact decimal such as 1.25, kept as numerator / denominator so no rate is a double.
struct Ratio {
    std::int64_t numerator = 1;
    std::int64_t denominator = 1;
};

// Parses "2", "0.5", "1.25" (non-negative, at most 6 decimals); false when malformed.
bool parse_ratio(std::string_view text, Ratio& ratio);

enum class Rounding { down, nearest, up };

struct EarnRules {
    Ratio points_per_unit{};  // points per whole currency unit (1.00 EUR, 1 JPY)
    Rounding rounding = Rounding::down;
    std::int64_t minimum_order_minor = 0;  // orders below this earn nothing
    std::map<std::string, Ratio> tag_multipliers{};
    std::map<std::string, Ratio> category_multipliers{};
    std::int64_t cap_per_order = 0;  // 0: no cap
};

// What an order's lines of one category come to.
struct CategoryAmount {
    std::string category;
    std::int64_t amount_minor = 0;
};

// The points an order of `total_minor` (in a currency with `currency_digits` decimals) with `lines`
// earns for a customer with `tags`, before any cap per period. Each line's share of the total
// counts its category's multiple (1 without one), weighed to the minor unit; an order without
// lines counts its total.
std::int64_t order_points(const EarnRules& rules, int currency_digits, std::int64_t total_minor,
                          const std::vector<std::string>& tags,
                          const std::vector<CategoryAmount>& lines = {});

}  // namespace moshtari::loyalty
