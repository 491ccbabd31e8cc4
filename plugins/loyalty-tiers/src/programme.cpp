#include "programme.hpp"

#include <fmt/format.h>

#include "moshtari/money.hpp"

namespace moshtari::tiers {

const char* to_string(Basis basis) {
    return basis == Basis::spend ? "spend" : "points";
}

nlohmann::json Benefits::to_json() const {
    return {{"earn_multiplier", earn_multiplier},
            {"discount_percent", discount_percent},
            {"free_shipping", free_shipping},
            {"priority_support", priority_support},
            {"delivery_days", delivery_days ? nlohmann::json(*delivery_days) : nullptr},
            {"extra", extra}};
}

int Programme::qualified_rank(std::int64_t value) const {
    int rank = -1;
    for (std::size_t i = 0; i < tiers.size() && tiers[i].threshold <= value; ++i) {
        rank = static_cast<int>(i);
    }
    return rank;
}

int Programme::rank_of(std::string_view id) const {
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (tiers[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

std::string Programme::format_value(std::int64_t value) const {
    if (basis == Basis::points) return fmt::format("{} points", value);
    return format_money(Money{value, currency});
}

}  // namespace moshtari::tiers
