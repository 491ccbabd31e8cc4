#include "demo_loyalty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "captured_command.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::cli {

namespace {

constexpr std::size_t kLargestShown = 3;

struct Holder {
    std::string name;
    std::int64_t points = 0;
    std::string value;
};

}  // namespace

std::string demo_loyalty_section() {
    return "loyalty-points:\n"
           "  programmes:\n"
           "    - id: beans\n"
           "      currency: EUR\n"
           "      earn: {points_per_unit: 1, tag_multipliers: {vip: 2}}\n"
           "      bonuses: {first_order: 50}\n"
           "      redeem: {points: 100, value: \"1.00\"}\n"
           "      lifetime_days: 365\n";
}

std::string demo_coupon_section() {
    return "loyalty-coupons:\n"
           "  campaigns:\n"
           "    - id: comeback\n"
           "      currency: EUR\n"
           "      percent: 15\n"
           "      minimum_order: \"20.00\"\n"
           "      valid_days: 30\n";
}

std::string coupon_story(Workspace& workspace) {
    const Command* coupons = find_command(workspace, "coupons");
    if (!coupons) {
        return fmt::format("(the {} plugin is not running, so no coupon was issued)\n",
                           kCouponPlugin);
    }
    const auto issued = nlohmann::json::parse(run_captured(
        *coupons, {"coupons", "issue", "--campaign", "comeback", "--stage", "lapsed", "--json"}));
    std::string text = fmt::format(
        "moshtari coupons issue --campaign comeback --stage lapsed: {} lapsed customers got a\n"
        "code for 15% off an order of 20.00 EUR or more, valid 30 days\n",
        issued.size());
    if (!issued.empty()) {
        text += fmt::format("  for example {}: {}\n",
                            workspace.customers().get(issued[0]["customer"].get<CustomerId>()).name,
                            issued[0]["code"].get<std::string>());
    }
    return text;
}

std::string loyalty_story(Workspace& workspace) {
    const Command* loyalty = find_command(workspace, "loyalty");
    if (!loyalty) {
        return fmt::format("(the {} plugin is not running, so nobody earned points)\n",
                           kLoyaltyPlugin);
    }
    std::string text =
        "programme 'beans': a point per euro, two for vip customers, 50 with a first order;\n"
        "100 points are worth 1.00 EUR, and points lapse after a year\n";
    const auto expired =
        nlohmann::json::parse(run_captured(*loyalty, {"loyalty", "expire", "--json"}));
    text += fmt::format(
        "moshtari loyalty expire: {} points older than a year expired, first in first out\n",
        expired["points"].get<std::int64_t>());

    CustomerQuery all;
    all.limit = std::numeric_limits<std::int64_t>::max();
    std::vector<Holder> holders;
    std::int64_t total = 0;
    for (const auto& customer : workspace.customers().list(all)) {
        const auto balance = nlohmann::json::parse(run_captured(
            *loyalty, {"loyalty", "balance", "--customer", std::to_string(customer.id), "--json"}));
        const auto points = balance["points"].get<std::int64_t>();
        if (points <= 0) continue;
        total += points;
        holders.push_back({customer.name, points, balance["value"].get<std::string>()});
    }
    std::sort(holders.begin(), holders.end(),
              [](const Holder& a, const Holder& b) { return a.points > b.points; });
    text +=
        fmt::format("{} customers hold {} points; the largest balances:\n", holders.size(), total);
    for (std::size_t i = 0; i < std::min(kLargestShown, holders.size()); ++i) {
        text += fmt::format("  {:<24}{:>6} points, worth {}\n", holders[i].name, holders[i].points,
                            holders[i].value);
    }
    return text;
}

}  // namespace moshtari::cli
