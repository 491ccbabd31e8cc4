#pragma once
// The rule that moves a customer between tiers: up at once when they reach a higher tier; down
// only when they are still below their tier once the grace period that began when they first fell
// below it is over, and then straight to the tier they reach.

#include <cstdint>
#include <optional>
#include <string>

#include "moshtari/time.hpp"
#include "programme.hpp"

namespace moshtari::tiers {

struct Standing {
    std::string tier{};  // empty: no tier
    Timestamp since{};
    std::optional<Timestamp> grace_ends{};  // set while below the tier

    friend bool operator==(const Standing&, const Standing&) = default;
};

// The standing after an evaluation that finds `qualifying` as of `as_of`; `current` is empty for a
// customer never evaluated before.
Standing next_standing(const Programme& programme, const std::optional<Standing>& current,
                       std::int64_t qualifying, Timestamp as_of);

}  // namespace moshtari::tiers
