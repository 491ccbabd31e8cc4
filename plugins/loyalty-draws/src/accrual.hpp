#pragma once
// Entries from orders and referrals, set-based: a range of ids (one order, or an import's batch) is
// read in one query per draw and brought in line with what it earns now. A qualifying order or
// referral gets its entries (or keeps them, updated: a refund lowers them); a cancelled order, or
// one a refund took below the rule, loses them. Only open draws change, and each source counts once
// per draw (UNIQUE (draw, source)), so a replayed event or a second worker changes nothing.

#include <cstdint>
#include <vector>

#include "draw_store.hpp"
#include "settings.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::draws {

void accrue_orders(Database& db, const OrderRule& rule, const std::vector<Draw>& draws,
                   std::int64_t first, std::int64_t last);
void accrue_referrals(Database& db, const ReferralRule& rule, const std::vector<Draw>& draws,
                      std::int64_t first, std::int64_t last);
// Both, for every order and interaction: a draw created after its window began.
void accrue_everything(Database& db, const Settings& settings, const Draw& draw);

}  // namespace moshtari::draws
