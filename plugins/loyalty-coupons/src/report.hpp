#pragma once
// Per campaign: codes issued to customers and created for anyone, redemptions that stand with their
// total discount, redemptions released by cancelled orders, and codes that lapsed unused.

#include <cstdint>
#include <string>
#include <vector>

#include "settings.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::coupons {

struct CampaignFigures {
    std::string campaign{};
    std::string terms{};  // "10% off"; "(no longer configured)"
    std::int64_t issued = 0;
    std::int64_t created = 0;
    std::int64_t redeemed = 0;
    std::int64_t discount_minor = 0;
    std::string currency{};
    std::int64_t released = 0;
    std::int64_t expired_unredeemed = 0;  // by `at`; only known for configured campaigns
};

// Configured campaigns in configuration order, then any no longer configured that left rows.
std::vector<CampaignFigures> report(Database& db, const Settings& settings, Timestamp at);

}  // namespace moshtari::coupons
