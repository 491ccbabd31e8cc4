#include "earn_rules.hpp"

#include <algorithm>
#include <charconv>

namespace moshtari::loyalty {

bool parse_ratio(std::string_view text, Ratio& ratio) {
    constexpr std::size_t kMaxDecimals = 6;
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (whole.empty() || fraction.size() > kMaxDecimals ||
        (dot != std::string_view::npos && fraction.empty())) {
        return false;
    }
    const auto all_digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!all_digits(whole) || !all_digits(fraction) || whole.size() > 9) return false;
    std::int64_t numerator = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), numerator);
    std::int64_t denominator = 1;
    for (const char digit : fraction) {
        numerator = numerator * 10 + (digit - '0');
        denominator *= 10;
    }
    ratio = {numerator, denominator};
    return true;
}

namespace {

std::int64_t divide(Wide numerator, Wide denominator, Rounding rounding) {
    Wide quotient = numerator / denominator;
    const Wide remainder = numerator % denominator;
    if (rounding == Rounding::up && remainder > 0) ++quotient;
    if (rounding == Rounding::nearest && remainder * 2 >= denominator) ++quotient;
    return static_cast<std::int64_t>(quotient);
}

Ratio best_multiplier(const EarnRules& rules, const std::vector<std::string>& tags) {
    Ratio best{};
    for (const auto& tag : tags) {
        const auto found = rules.tag_multipliers.find(tag);
        if (found == rules.tag_multipliers.end()) continue;
        const Ratio& candidate = found->second;
        if (static_cast<Wide>(candidate.numerator) * best.denominator >
            static_cast<Wide>(best.numerator) * candidate.denominator) {
            best = candidate;
        }
    }
    return best;
}

// The total with each line's share counted at its category's multiple.
Wide weighed_total(const EarnRules& rules, std::int64_t total_minor,
                   const std::vector<CategoryAmount>& lines) {
    constexpr std::int64_t kMillion = 1'000'000;  // every ratio's denominator divides it
    Wide weighed = 0;                             // in millionths of a minor unit
    Wide plain = 0;
    for (const auto& line : lines) {
        const auto found = rules.category_multipliers.find(line.category);
        const Ratio multiplier =
            found == rules.category_multipliers.end() ? Ratio{} : found->second;
        weighed += static_cast<Wide>(line.amount_minor) * multiplier.numerator *
                   (kMillion / multiplier.denominator);
        plain += line.amount_minor;
    }
    if (plain <= 0 || weighed < 0) return total_minor;
    return static_cast<Wide>(total_minor) * weighed / (plain * kMillion);
}

}  // namespace

std::int64_t order_points(const EarnRules& rules, int currency_digits, std::int64_t total_minor,
                          const std::vector<std::string>& tags,
                          const std::vector<CategoryAmount>& lines) {
    if (total_minor <= 0 || total_minor < rules.minimum_order_minor) return 0;
    const Ratio multiplier = best_multiplier(rules, tags);
    Wide unit = 1;
    for (int i = 0; i < currency_digits; ++i) unit *= 10;
    const std::int64_t points =
        divide(weighed_total(rules, total_minor, lines) * rules.points_per_unit.numerator *
                   multiplier.numerator,
               unit * rules.points_per_unit.denominator * multiplier.denominator, rules.rounding);
    return rules.cap_per_order > 0 ? std::min(points, rules.cap_per_order) : points;
}

}  // namespace moshtari::loyalty
