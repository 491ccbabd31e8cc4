#include "standing.hpp"

namespace moshtari::tiers {

Standing next_standing(const Programme& programme, const std::optional<Standing>& current,
                       std::int64_t qualifying, Timestamp as_of) {
    const int reached = programme.qualified_rank(qualifying);
    const int held = current ? programme.rank_of(current->tier) : -1;
    const auto tier_at = [&](int rank) {
        return rank < 0 ? std::string() : programme.tiers[rank].id;
    };
    // A tier no longer configured (held < 0 but named) is left for whatever the customer reaches.
    const bool unknown = current && held < 0 && !current->tier.empty();
    if (!current || reached > held || unknown) return {tier_at(reached), as_of, std::nullopt};
    if (reached == held) return {current->tier, current->since, std::nullopt};
    const Timestamp grace_ends =
        current->grace_ends.value_or(as_of + std::chrono::days{programme.grace_days});
    if (as_of >= grace_ends) return {tier_at(reached), as_of, std::nullopt};
    return {current->tier, current->since, grace_ends};
}

}  // namespace moshtari::tiers
