// The `tiers` commands through the real `moshtari` executable: show and evaluate, in text and
// JSON, evaluations as of past dates and dry runs, errors and a configuration mistake at its line.

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_process.hpp"
#include "tiers_fixture.hpp"

namespace moshtari::tiers::testing {
namespace {

using e2e::CliResult;

class Cli : public TiersTest {
  protected:
    std::vector<std::string> with_config(const std::vector<std::string>& args,
                                         const std::filesystem::path& config = {}) {
        std::vector<std::string> all{"--config",
                                     (config.empty() ? ws_.config_file() : config).string()};
        all.insert(all.end(), args.begin(), args.end());
        return all;
    }
    CliResult run(const std::vector<std::string>& args) {
        return e2e::run_cli(ws_.dir(), with_config(args));
    }
    // A command that must succeed; returns its standard output.
    std::string ok(const std::vector<std::string>& args) {
        const CliResult result = run(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
    nlohmann::json json(std::vector<std::string> args) {
        args.emplace_back("--json");
        return nlohmann::json::parse(ok(args));
    }
    // A command that must fail as the user's error; returns its standard error.
    std::string refused(const std::vector<std::string>& args) {
        const CliResult result = run(args);
        EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
        return result.err;
    }
    static std::string id(std::int64_t value) { return std::to_string(value); }
};

TEST_F(Cli, ShowsACustomersTierProgressAndHistoryAndEveryTier) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bo = add_customer("Bo");
    ok({"orders", "add", "--customer", id(ada), "--total", "120.00", "--at",
        format_time(days_ago(2))});
    ok({"orders", "add", "--customer", id(ada), "--total", "140.00", "--at",
        format_time(days_ago(1))});
    ok({"orders", "add", "--customer", id(bo), "--total", "510.00"});
    ok({"run", "--once"});

    const auto shown = json({"tiers", "show", id(ada)});
    EXPECT_EQ(shown["customer"], ada);
    ASSERT_EQ(shown["programmes"].size(), 1u);
    const auto& status = shown["programmes"][0];
    EXPECT_EQ(status["programme"], "status");
    EXPECT_EQ(status["tier"], "silver");
    EXPECT_EQ(status["qualifying"], 26000);
    EXPECT_EQ(status["qualifying_text"], "260.00 EUR");
    EXPECT_EQ(status["next_tier"], "gold");
    EXPECT_EQ(status["to_next"], 24000);
    EXPECT_EQ(status["grace_ends_at"], nullptr);
    EXPECT_EQ(status["benefits"]["earn_multiplier"], "1.25");
    ASSERT_EQ(status["history"].size(), 2u);
    EXPECT_EQ(status["history"][0]["reason"], "order:1");
    EXPECT_EQ(status["history"][1]["reason"], "order:2");
    EXPECT_EQ(status["history"][1]["to"], "silver");

    const std::string text = ok({"tiers", "show", id(ada)});
    EXPECT_NE(text.find(fmt::format("customer #{} in 'status': silver since", ada)),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("qualifying: 260.00 EUR (spend) in the 365 days to"), std::string::npos);
    EXPECT_NE(text.find("next tier: gold at 500.00 EUR, 240.00 EUR to go"), std::string::npos);
    EXPECT_NE(text.find("benefits: earn x1.25, 5% off, delivery in 3 days"), std::string::npos);
    EXPECT_NE(text.find("bronze  silver  order:2"), std::string::npos) << text;

    const auto all = json({"tiers", "show"});
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0]["programme"], "status");
    EXPECT_EQ(all[0]["by"], "spend");
    EXPECT_EQ(all[0]["window_days"], 365);
    EXPECT_EQ(all[0]["grace_days"], 30);
    ASSERT_EQ(all[0]["tiers"].size(), 3u);
    EXPECT_EQ(all[0]["tiers"][0]["members"], 0);
    EXPECT_EQ(all[0]["tiers"][1]["members"], 1);
    EXPECT_EQ(all[0]["tiers"][2]["members"], 1);
    EXPECT_EQ(all[0]["tiers"][2]["threshold_text"], "500.00 EUR");
    EXPECT_EQ(all[0]["tiers"][2]["benefits"]["free_shipping"], true);
    const std::string table = ok({"tiers", "show"});
    EXPECT_NE(table.find("programme 'status': spend in EUR in the last 365 days, grace 30 days"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("gold    Gold    500.00 EUR  1"), std::string::npos) << table;

    const auto nothing = json({"tiers", "evaluate"});
    EXPECT_EQ(nothing["evaluated"], 2);
    EXPECT_TRUE(nothing["changes"].empty());
}

TEST_F(Cli, EvaluateAsOfPastDatesPromotesStartsGraceAndDemotes) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 60000, days_ago(400));
    const auto promoted = json({"tiers", "evaluate", "--as-of", format_time(days_ago(60))});
    ASSERT_EQ(promoted["changes"].size(), 1u);
    EXPECT_EQ(promoted["changes"][0]["change"], "promoted");
    EXPECT_EQ(promoted["changes"][0]["to"], "gold");
    EXPECT_EQ(promoted["changes"][0]["qualifying_value"], 60000);

    const std::string grace = ok({"tiers", "evaluate", "--as-of", format_time(days_ago(30))});
    EXPECT_NE(grace.find("status     1         grace   gold  gold  0.00 EUR"), std::string::npos)
        << grace;
    EXPECT_NE(grace.find("Promoted 0, demoted 0, 1 entered grace; 1 customers evaluated"),
              std::string::npos)
        << grace;
    EXPECT_EQ(tier(ada), "gold");

    const auto preview = json({"tiers", "evaluate", "--dry-run", "--customer", id(ada)});
    EXPECT_EQ(preview["dry_run"], true);
    ASSERT_EQ(preview["changes"].size(), 1u);
    EXPECT_EQ(preview["changes"][0]["change"], "demoted");
    EXPECT_EQ(tier(ada), "gold") << "a dry run writes nothing";

    const auto demoted = json({"tiers", "evaluate", "--customer", id(ada)});
    ASSERT_EQ(demoted["changes"].size(), 1u);
    EXPECT_EQ(demoted["changes"][0]["from"], "gold");
    EXPECT_EQ(demoted["changes"][0]["to"], "bronze");
    EXPECT_EQ(tier(ada), "bronze");
    EXPECT_EQ(tier_events().back().reason, "evaluate");

    const std::string late = ok({"tiers", "evaluate", "--as-of", format_time(days_ago(45))});
    EXPECT_NE(late.find("1 evaluated as of a later time already, left as they are"),
              std::string::npos)
        << late;
}

TEST_F(Cli, ErrorsSayWhatIsWrongAndWhatToDo) {
    const CustomerId ada = add_customer("Ada");
    EXPECT_NE(refused({"tiers", "show", "99"}).find("there is no customer #99"), std::string::npos);
    EXPECT_NE(refused({"tiers", "show", id(ada), "--programme", "miles"})
                  .find("there is no tier programme 'miles'; the programmes are: status"),
              std::string::npos);
    EXPECT_NE(refused({"tiers", "evaluate", "--as-of", "2999-01-01"})
                  .find("--as-of 2999-01-01 is in the future; add --dry-run to see what would "
                        "change by then"),
              std::string::npos);
    EXPECT_NE(refused({"tiers", "evaluate", "--as-of", "yesterday"}).find("--as-of"),
              std::string::npos);
    const std::string never = ok({"tiers", "show", id(ada)});
    EXPECT_NE(
        never.find(fmt::format("not evaluated yet; `moshtari tiers evaluate --customer {}`", ada)),
        std::string::npos)
        << never;
    EXPECT_EQ(json({"tiers", "evaluate", "--as-of", "2999-01-01", "--dry-run"})["dry_run"], true);
}

TEST_F(Cli, AConfigurationMistakeNamesItsFileLineAndColumn) {
    std::ifstream in(ws_.config_file());
    std::string text(std::istreambuf_iterator<char>(in), {});
    const auto at = text.find("grace_days: 30\n");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 11, "grace_day:");
    const auto broken = ws_.dir() / "broken.yaml";
    std::ofstream(broken) << text;
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    const int column = static_cast<int>(at - text.rfind('\n', at));
    const CliResult result = e2e::run_cli(ws_.dir(), with_config({"tiers", "show"}, broken));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(
        result.err.find(fmt::format("broken.yaml:{}:{}: unknown key 'grace_day'", line, column)),
        std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("did you mean 'grace_days'?"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace moshtari::tiers::testing
