#pragma once
// The real segment-rfm plugin loaded by the real host on a temporary SQLite file, with ten
// customers whose scores the tests know, and the real `moshtari` executable.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_process.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::rfm::testing {

inline constexpr std::int64_t kDay = 86'400;
inline const Timestamp kAsOf = from_unix(1'780'000'000);

inline Timestamp days_before_as_of(double days) {
    return from_unix(1'780'000'000 - static_cast<std::int64_t>(days * kDay));
}

// Customer k of the ten (k = 0..9) has k + 1 orders worth (10 - k) x 10.00 EUR in all, the last
// kLastOrderDaysAgo[k] days before kAsOf. By the tie rule, score = 1 + floor(5 * below / 10):
inline constexpr int kLastOrderDaysAgo[10] = {6, 3, 9, 1, 10, 2, 8, 4, 7, 5};
inline constexpr int kR[10] = {3, 4, 1, 5, 1, 5, 2, 4, 2, 3};  // 5 - floor((days - 1) / 2)
inline constexpr int kF[10] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};  // 1 + floor(k / 2)
inline constexpr int kM[10] = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1};  // 1 + floor((9 - k) / 2)
// Their segments in the default map (by r and f).
inline const char* const kSegment[10] = {
    "about-to-sleep",      "promising", "lost",  "potential-loyalists", "at-risk",
    "potential-loyalists", "at-risk",   "loyal", "cannot-lose",         "loyal"};

class RfmTest : public ::testing::Test {
  protected:
    explicit RfmTest(std::string yaml = {})
        : ws_({MOSHTARI_PLUGIN_DIR}, std::move(yaml), {"segment-rfm"}) {}

    Workspace& w() { return ws_.workspace(); }

    CustomerId add_customer(const std::string& name) {
        Customer c;
        c.name = name;
        c.created_at = days_before_as_of(400);
        return w().customers().create(c);
    }

    void place_order(CustomerId customer, std::int64_t cents, Timestamp at,
                     const std::string& currency = "EUR") {
        Order o;
        o.customer_id = customer;
        o.total = Money{cents, currency};
        o.at = at;
        w().orders().add(o);
    }

    // The ten customers above, in id order.
    std::vector<CustomerId> add_ten_customers() {
        std::vector<CustomerId> ids;
        for (int k = 0; k < 10; ++k) {
            ids.push_back(add_customer("Customer " + std::to_string(k)));
            const double last = kLastOrderDaysAgo[k];
            // k orders of 1.00 EUR, 20 days apart before the last, which carries the rest.
            for (int j = 1; j <= k; ++j)
                place_order(ids.back(), 100, days_before_as_of(last + 20 * j));
            place_order(ids.back(), (10 - k) * 1000 - k * 100, days_before_as_of(last));
        }
        return ids;
    }

    e2e::CliResult run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--config", ws_.config_file().string()});
        return e2e::run_cli(ws_.dir(), args);
    }
    // A command that must succeed, with --json; its output parsed.
    nlohmann::json json(std::vector<std::string> args) {
        args.emplace_back("--json");
        const auto result = run(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }

    moshtari::testing::TestWorkspace ws_;
};

}  // namespace moshtari::rfm::testing
