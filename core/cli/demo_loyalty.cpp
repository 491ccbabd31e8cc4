#include "demo_loyalty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "captured_command.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/time.hpp"
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

std::string demo_tiers_section() {
    return "loyalty-tiers:\n"
           "  programmes:\n"
           "    - id: status\n"
           "      currency: EUR\n"
           "      window_days: 365\n"
           "      grace_days: 30\n"
           "      tiers:\n"
           "        - {id: bronze, threshold: 0}\n"
           "        - {id: silver, threshold: \"200.00\", benefits: {discount_percent: 5}}\n"
           "        - {id: gold, threshold: \"500.00\", benefits: {discount_percent: 10, "
           "free_shipping: true, delivery_days: 1}}\n";
}

std::string demo_draws_section() {
    return "loyalty-draws:\n"
           "  orders: {currency: EUR, minimum: \"20.00\", per_amount: \"10.00\", max_per_order: "
           "5}\n"
           "  exclude: {tags: [wholesale], without_consent: email}\n";
}

std::string tiers_story(Workspace& workspace) {
    const Command* tiers = find_command(workspace, "tiers");
    if (!tiers) {
        return fmt::format("(the {} plugin is not running, so nobody holds a tier)\n",
                           kTiersPlugin);
    }
    // Evaluated by the worker as each order came in; `tiers show` reads the standings.
    const auto shown = nlohmann::json::parse(run_captured(*tiers, {"tiers", "show", "--json"}));
    std::string text =
        "moshtari tiers show: tiers by spend in the last 365 days, kept 30 days after falling "
        "below:\n ";
    for (const auto& tier : shown.at(0).at("tiers")) {
        text += fmt::format(" {} {} (from {})", tier.at("tier").get<std::string>(),
                            tier.at("members").get<std::int64_t>(),
                            tier.at("threshold_text").get<std::string>());
    }
    return text + "\n  gold brings 10% off, free shipping and delivery in a day\n";
}

std::string draw_story(Workspace& workspace, Timestamp as_of) {
    const Command* draws = find_command(workspace, "draws");
    if (!draws) {
        return fmt::format("(the {} plugin is not running, so there was no prize draw)\n",
                           kDrawsPlugin);
    }
    const auto today = std::chrono::floor<std::chrono::days>(as_of);
    const std::string from = format_date(Date{today - std::chrono::days{91}});
    const std::string to = format_date(Date{today - std::chrono::days{1}});
    run_captured(*draws, {"draws", "create", "autumn", "--from", from, "--to", to, "--winners", "3",
                          "--prize", "a kilo of beans"});
    const auto drawn =
        nlohmann::json::parse(run_captured(*draws, {"draws", "run", "autumn", "--json"}));
    const auto verified =
        nlohmann::json::parse(run_captured(*draws, {"draws", "verify", "autumn", "--json"}));
    std::string text = fmt::format(
        "moshtari draws create|run|verify autumn: a ticket per 10.00 EUR of each order of 20.00 "
        "EUR\n"
        "or more from {} to {}: {} tickets of {} customers; the seed's hash was published\n"
        "before the draw, so anyone can recompute it",
        from, to, drawn.at("tickets").get<std::int64_t>(),
        drawn.at("customers").get<std::int64_t>());
    text += verified.at("ok").get<bool>() ? " (verified)\n" : " (VERIFICATION FAILED)\n";
    for (const auto& pick : drawn.at("picks")) {
        const auto name = workspace.customers().get(pick.at("customer").get<CustomerId>()).name;
        if (pick.at("winner").get<bool>()) {
            text += fmt::format("  winner {}: {}\n", pick.at("rank").get<int>(), name);
        } else {
            text += fmt::format("  drawn but passed over: {}, {}\n", name,
                                pick.at("excluded_because").get<std::string>());
        }
    }
    return text;
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
