// The `loyalty` commands through the real `moshtari` executable, including two redemptions of the
// same points in two processes at once.

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "account.hpp"
#include "loyalty_fixture.hpp"
#include "moshtari_process.hpp"

namespace moshtari::loyalty::testing {
namespace {

constexpr const char* kCliProgramme = R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {points_per_unit: 1}
      bonuses: {by_hand: {review: 10}}
      redeem: {points: 100, value: "1.00"}
      lifetime_days: 30
)yaml";

class Cli : public LoyaltyTest {
  protected:
    Cli() : LoyaltyTest(kCliProgramme) {}

    // A command that must succeed; returns its standard output.
    std::string ok(const std::vector<std::string>& args) {
        const ProcessResult result = run_moshtari(ws_->config_file(), args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
    nlohmann::json json(std::vector<std::string> args) {
        args.emplace_back("--json");
        return nlohmann::json::parse(ok(args));
    }
    // A command that must fail as the user's error; returns its standard error.
    std::string refused(const std::vector<std::string>& args) {
        const ProcessResult result = run_moshtari(ws_->config_file(), args);
        EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
        return result.err;
    }
};

TEST_F(Cli, EarnRedeemAdjustHistoryAndCancelThroughTheExecutable) {
    const std::string ada = std::to_string(add_customer("Ada"));
    const std::string yesterday = format_time(now() - std::chrono::days(1));
    ok({"orders", "add", "--customer", ada, "--total", "120.00", "--at", yesterday});
    ok({"run", "--once"});
    auto balance = json({"loyalty", "balance", "--customer", ada});
    EXPECT_EQ(balance["points"], 120);
    EXPECT_EQ(balance["value"], "1.20 EUR");
    EXPECT_EQ(balance["lapsed"], 0);

    EXPECT_EQ(json({"loyalty", "earn", "--customer", ada, "--bonus", "review", "--reference",
                    "review-7"})["balance"],
              130);
    EXPECT_NE(refused({"loyalty", "earn", "--customer", ada, "--bonus", "review", "--reference",
                       "review-7"})
                  .find("the review bonus for 'review-7' was already recorded"),
              std::string::npos);
    const auto redeemed =
        json({"loyalty", "redeem", "--customer", ada, "--amount", "0.50", "--reference", "cart-1"});
    EXPECT_EQ(redeemed["points"], -50);
    EXPECT_EQ(redeemed["balance"], 80);
    EXPECT_NE(
        refused({"loyalty", "redeem", "--customer", ada, "--points", "5", "--reference", "cart-1"})
            .find("redemption 'cart-1' was already recorded"),
        std::string::npos);
    EXPECT_EQ(ok({"loyalty", "adjust", "--customer", ada, "--points=-5", "--reason", "goodwill",
                  "--reference", "ticket-12", "--by", "maria"}),
              fmt::format("Took 5 points for customer #{} in 'points' (ledger entry #4); balance "
                          "75\n",
                          ada));

    const auto history = json({"loyalty", "history", "--customer", ada});
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[0]["kind"], "earn");
    EXPECT_EQ(history[0]["cause"], "order:1");
    EXPECT_EQ(history[2]["kind"], "redeem");
    EXPECT_EQ(history[3]["by"], "maria");
    EXPECT_EQ(history[3]["note"], "goodwill");
    EXPECT_EQ(history[3]["balance"], 75);

    // The order is cancelled: its 120 points come back, of which only 75 are left.
    ok({"orders", "cancel", "1"});
    ok({"run", "--once"});
    const auto after = json({"loyalty", "history", "--customer", ada});
    ASSERT_EQ(after.size(), 5u);
    EXPECT_EQ(after[4]["kind"], "reverse");
    EXPECT_EQ(after[4]["points"], -75);
    EXPECT_EQ(after[4]["shortfall"], 45);
    EXPECT_EQ(json({"loyalty", "balance", "--customer", ada})["points"], 0);
}

TEST_F(Cli, ErrorsSayWhatIsWrongAndWhatToDo) {
    const std::string ada = std::to_string(add_customer("Ada"));
    EXPECT_NE(refused({"loyalty", "balance", "--customer", "99"}).find("there is no customer #99"),
              std::string::npos);
    EXPECT_NE(refused({"loyalty", "balance", "--customer", ada, "--programme", "miles"})
                  .find("there is no loyalty programme 'miles'; the programmes are: points"),
              std::string::npos);
    EXPECT_NE(
        refused({"loyalty", "redeem", "--customer", ada, "--points", "10", "--reference", "cart-9"})
            .find(fmt::format("customer #{} has 0 points in 'points', 10 short of the 10 "
                              "asked; nothing was redeemed",
                              ada)),
        std::string::npos);
    EXPECT_NE(refused({"loyalty", "redeem", "--customer", ada, "--reference", "cart-9"})
                  .find("--points N or --amount 5.00"),
              std::string::npos);
    EXPECT_NE(refused({"loyalty", "expire", "--as-of", "2999-01-01"}).find("is in the future"),
              std::string::npos);
    EXPECT_NE(refused({"loyalty", "adjust", "--customer", ada, "--points=-1", "--reason", "x",
                       "--reference", "t-1"})
                  .find("would go below zero, which negative_balance: clamp forbids"),
              std::string::npos);
}

TEST_F(Cli, ExpireWithADryRunThenForRealOnce) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 10000, at("2026-01-01"));
    place_order(ada, 5000, at("2026-02-15"));
    run_worker();
    const std::string id = std::to_string(ada);
    EXPECT_EQ(json({"loyalty", "balance", "--customer", id})["lapsed"], 150)
        << "both lots lapsed by now, neither recorded yet";
    const auto dry = json({"loyalty", "expire", "--as-of", "2026-03-01", "--dry-run"});
    EXPECT_EQ(dry["dry_run"], true);
    EXPECT_EQ(dry["points"], 100);
    ASSERT_EQ(dry["expired"].size(), 1u);
    EXPECT_EQ(dry["expired"][0]["expired_at"], "2026-01-31T00:00:00Z");
    EXPECT_EQ(balance(ada), 150);
    EXPECT_EQ(json({"loyalty", "expire", "--as-of", "2026-03-01"})["points"], 100);
    EXPECT_EQ(json({"loyalty", "expire", "--as-of", "2026-03-01"})["points"], 0) << "idempotent";
    EXPECT_EQ(balance(ada), 50);
    EXPECT_EQ(json({"loyalty", "balance", "--customer", id})["lapsed"], 50);
}

TEST_F(Cli, TwoProcessesCannotRedeemTheSamePoints) {
    const CustomerId ada = add_customer("Ada");
    for (int round = 0; round < 4; ++round) {
        SCOPED_TRACE(fmt::format("round {}", round));
        adjust(db(), programme(),
               {ada, 100 - balance(ada), "top up for the race", fmt::format("top-{}", round),
                "test", now()});
        ASSERT_EQ(balance(ada), 100);
        const std::string id = std::to_string(ada);
        MoshtariProcess first(ws_->config_file(),
                              {"loyalty", "redeem", "--customer", id, "--points", "70",
                               "--reference", fmt::format("a-{}", round)});
        MoshtariProcess second(ws_->config_file(),
                               {"loyalty", "redeem", "--customer", id, "--points", "70",
                                "--reference", fmt::format("b-{}", round)});
        const ProcessResult a = first.finish();
        const ProcessResult b = second.finish();
        EXPECT_EQ((a.exit_code == 0) + (b.exit_code == 0), 1) << a.err << b.err;
        const ProcessResult& loser = a.exit_code == 0 ? b : a;
        EXPECT_EQ(loser.exit_code, 1);
        EXPECT_NE(loser.err.find("has 30 points in 'points', 40 short of the 70 asked; nothing "
                                 "was redeemed"),
                  std::string::npos)
            << loser.err;
        EXPECT_EQ(balance(ada), 30);
    }
}

// A real bulk import by the data-csv plugin, in batches of two orders: each committed batch's
// OrdersImported earns for its whole range when `moshtari run --once` delivers it.
TEST(ImportedOrders, EarnThroughTheWorkerBatchByBatch) {
    const moshtari::testing::TempDir dir("loyalty-import");
    std::ofstream(dir / "moshtari.yaml") << fmt::format(R"yaml(workspace:
  database: moshtari.db
  currency: EUR
plugins:
  paths: ["{}"]
  enabled: [loyalty-points, data-csv]
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {{points_per_unit: 1}}
      bonuses: {{first_order: 5}}
)yaml",
                                                        MOSHTARI_PLUGIN_DIR);
    std::ofstream(dir / "customers.csv") << "external_id,name\nC1,Ada\nC2,Bob\n";
    std::ofstream(dir / "orders.csv")
        << "external_id,customer_external_id,at,total,currency\n"
           "O1,C1,2026-01-01,10.50,EUR\nO2,C2,2026-01-02,20.00,EUR\n"
           "O3,C1,2026-01-03,30.99,EUR\nO4,C1,2026-01-04,5.00,USD\nO5,C2,2026-01-05,1.00,EUR\n";
    const auto config = dir / "moshtari.yaml";
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"import", "customers", (dir / "customers.csv").string()},
             {"import", "orders", (dir / "orders.csv").string(), "--batch-size", "2"},
             {"run", "--once"}}) {
        const ProcessResult result = run_moshtari(config, args);
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }
    const auto balance_of = [&](const char* customer) {
        const ProcessResult result =
            run_moshtari(config, {"loyalty", "balance", "--customer", customer, "--json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out)["points"].get<std::int64_t>();
    };
    EXPECT_EQ(balance_of("1"), 10 + 30 + 5) << "the USD order earns nothing in an EUR programme";
    EXPECT_EQ(balance_of("2"), 20 + 1 + 5);
}

}  // namespace
}  // namespace moshtari::loyalty::testing
