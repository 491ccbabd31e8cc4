#pragma once
// The real value-clv plugin loaded by the real host on a temporary SQLite file, the real
// `moshtari` executable run against it, and the steps the tests repeat.

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "cli_process.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::value::testing {

// Weeks, a year ahead, undiscounted revenue: the figures stay easy to reason about.
inline constexpr const char* kWeekly = R"yaml(
value-clv:
  probabilistic:
    currency: USD
    period: weeks
    horizon: 52
  simple:
    currency: EUR
    margin_per_order: "25.00"
    purchases_per_period: 4
    retention_rate: 0.8
    discount_rate: 0.1
    inflation_rate: 0.02
    horizon: 3
    period: year
)yaml";

// The tier counts as `value fit --json` prints them, best tier first.
inline nlohmann::json tiers(const std::vector<std::pair<std::string, int>>& counts) {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& [tier, customers] : counts) {
        json.push_back({{"tier", tier}, {"customers", customers}});
    }
    return json;
}

class ValueTest : public ::testing::Test {
  protected:
    explicit ValueTest(const std::string& yaml = kWeekly)
        : ws_({MOSHTARI_PLUGIN_DIR}, yaml, {"value-clv"}) {}

    Workspace& w() { return ws_.workspace(); }

    CustomerId add_customer(const std::string& name) {
        Customer c;
        c.name = name;
        return w().customers().create(c);
    }

    OrderId place_order(CustomerId customer, std::int64_t total_minor, const std::string& at,
                        const std::string& currency = "USD") {
        Order o;
        o.customer_id = customer;
        o.total = Money{total_minor, currency};
        o.at = *parse_time(at);
        return w().orders().add(o);
    }

    // `count` customers whose orders follow the models' own story, from a fixed seed: each buys at
    // a rate of their own from their first day in 2026-01-01..03-01 until they drop out (after any
    // purchase, with a chance of their own) or 2026-06-30 comes; each order's value varies around
    // a mean of their own. Returns the customers' ids.
    std::vector<CustomerId> add_shoppers(int count, unsigned seed = 7) {
        std::mt19937 random(seed);
        std::gamma_distribution<double> rate(2.0, 0.02);  // purchases a day
        std::gamma_distribution<double> keep(4.0), leave(1.0);
        std::gamma_distribution<double> spend_scale(4.0, 1.0 / 40);
        std::uniform_int_distribution<int> first_day(0, 59);
        const auto start = *parse_time("2026-01-01");
        const double end_day = 180;
        std::vector<CustomerId> ids;
        for (int i = 0; i < count; ++i) {
            const CustomerId id = add_customer("Shopper " + std::to_string(i + 1));
            ids.push_back(id);
            std::exponential_distribution<double> wait(rate(random));
            const double l = leave(random), k = keep(random);
            std::bernoulli_distribution drops(l / (l + k));
            std::gamma_distribution<double> value(5.0, 1.0 / spend_scale(random));
            for (double day = first_day(random); day <= end_day; day += wait(random)) {
                const auto at =
                    start + std::chrono::seconds(static_cast<std::int64_t>(day * 86400));
                place_order(id, 100 + std::llround(value(random) * 100), format_time(at));
                if (drops(random)) break;
            }
        }
        return ids;
    }

    e2e::CliResult run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--config", ws_.config_file().string()});
        return e2e::run_cli(ws_.dir(), args);
    }
    // A command that must succeed; returns its standard output.
    std::string ok(const std::vector<std::string>& args) {
        const auto result = run(args);
        EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
        return result.out;
    }
    nlohmann::json json(std::vector<std::string> args) {
        args.emplace_back("--json");
        return nlohmann::json::parse(ok(args));
    }
    // A command that must fail as the user's error; returns its standard error.
    std::string refused(const std::vector<std::string>& args) {
        const auto result = run(args);
        EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
        return result.err;
    }

    moshtari::testing::TestWorkspace ws_;
};

}  // namespace moshtari::value::testing
