#pragma once
// What people do to a customer's points by hand: redeem them, adjust them, award a bonus. Each is
// one write transaction (BEGIN IMMEDIATE) that records due expiries first and checks the balance
// inside it, so two processes cannot spend the same points.

#include <string>

#include "ledger.hpp"
#include "settings.hpp"

namespace moshtari::loyalty {

struct Redemption {
    CustomerId customer = 0;
    std::int64_t points = 0;
    std::string reference;  // the checkout or order the points pay for; unique per programme
    std::string by;
    Timestamp at{};
};

// All or nothing: refused (UserError, nothing written) when the balance is short, the reference
// was used before or the points are below the programme's minimum. Returns the entry written.
Entry redeem(Database& db, const Programme& programme, const Redemption& redemption);

// The points worth `amount` at the programme's rate, rounded up so the amount is covered.
std::int64_t points_for(const Programme& programme, const Money& amount);

struct Adjustment {
    CustomerId customer = 0;
    std::int64_t points = 0;  // positive to give, negative to take
    std::string reason;
    std::string reference;  // unique per programme, so a retry does not adjust twice
    std::string by;
    Timestamp at{};
};

// Refused when points is 0, the reason or reference is empty, the reference was used before, or
// (negative_balance: clamp) it would take the balance below zero.
Entry adjust(Database& db, const Programme& programme, const Adjustment& adjustment);

struct Bonus {
    CustomerId customer = 0;
    std::string name;       // one of the programme's bonuses.by_hand (review, referral, ...)
    std::string reference;  // what earned it (the review's or referral's id): once per reference
    std::string by;
    Timestamp at{};
};

Entry award_bonus(Database& db, const Programme& programme, const Bonus& bonus);

}  // namespace moshtari::loyalty
