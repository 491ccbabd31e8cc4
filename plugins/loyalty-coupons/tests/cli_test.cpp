// The `coupons` commands through the real `moshtari` executable: JSON output, exit codes, a
// configuration error at its line, and two processes redeeming one single-use code at once.

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_process.hpp"
#include "coupon_code.hpp"
#include "coupons_fixture.hpp"

namespace moshtari::coupons::testing {
namespace {

using e2e::CliProcess;
using e2e::CliResult;

class Cli : public CouponsTest {
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
    // A command that must succeed with --json; returns what it printed, parsed.
    nlohmann::json json(std::vector<std::string> args) {
        args.emplace_back("--json");
        const CliResult result = run(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }
    // A command that must fail as the user's error; returns its standard error.
    std::string refused(const std::vector<std::string>& args) {
        const CliResult result = run(args);
        EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
        return result.err;
    }
    static std::string id(std::int64_t value) { return std::to_string(value); }
};

TEST_F(Cli, IssueValidateRedeemCreateAndReport) {
    const CustomerId ada = add_customer("Ada", {"vip"});
    const CustomerId bob = add_customer("Bob", {"vip"});
    const auto issued = json({"coupons", "issue", "--campaign", "welcome", "--customer", id(ada)});
    ASSERT_EQ(issued.size(), 1u);
    EXPECT_EQ(issued[0]["new"], true);
    EXPECT_EQ(issued[0]["customer"], ada);
    const std::string code = issued[0]["code"];
    EXPECT_TRUE(std::regex_match(code, std::regex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-"
                                                  "[2-9A-HJKMNP-Z]{4}")))
        << code;
    const auto by_tag = json({"coupons", "issue", "--campaign", "welcome", "--tag", "vip"});
    ASSERT_EQ(by_tag.size(), 2u);
    EXPECT_EQ(by_tag[0]["code"], code);
    EXPECT_EQ(by_tag[0]["new"], false);
    EXPECT_EQ(by_tag[1]["customer"], bob);
    EXPECT_EQ(by_tag[1]["new"], true);

    const OrderId adas = place_order(ada, 4005);
    std::string typed = code;
    std::erase(typed, '-');
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto valid = json({"coupons", "validate", typed, "--order", id(adas)});
    EXPECT_EQ(valid["valid"], true);
    EXPECT_EQ(valid["discount_minor"], 401);
    EXPECT_EQ(valid["discount"], "4.01 EUR");
    EXPECT_EQ(valid["campaign"], "welcome");

    const OrderId bobs = place_order(bob, 3000);
    const CliResult wrong = run({"coupons", "validate", code, "--order", id(bobs), "--json"});
    EXPECT_EQ(wrong.exit_code, 1) << "an invalid code exits 1, with the reason in the JSON";
    const auto verdict = nlohmann::json::parse(wrong.out);
    EXPECT_EQ(verdict["valid"], false);
    EXPECT_EQ(verdict["reason"],
              fmt::format("not this customer's code: it was issued to another customer than "
                          "order #{}'s",
                          bobs));
    EXPECT_NE(refused({"coupons", "validate", code, "--order", id(bobs)})
                  .find(fmt::format("coupon {} cannot be used on order #{}: not this customer's",
                                    code, bobs)),
              std::string::npos);

    const auto redeemed = json({"coupons", "redeem", code, "--order", id(adas)});
    EXPECT_EQ(redeemed["discount_minor"], 401);
    EXPECT_EQ(redeemed["customer"], ada);
    EXPECT_NE(refused({"coupons", "redeem", code, "--order", id(adas)})
                  .find(fmt::format("already redeemed on order #{}; nothing was redeemed", adas)),
              std::string::npos);
    EXPECT_EQ(run({"coupons", "redeem", "summer10", "--order", id(bobs)}).out,
              fmt::format("Redeemed SUMMER10 on order #{}: 3.75 EUR off (redemption #2)\n", bobs));

    const auto created = json({"coupons", "create", "--campaign", "fiver", "--count", "3"});
    ASSERT_EQ(created.size(), 3u);
    EXPECT_NE(created[0]["code"], created[1]["code"]);

    const auto report = json({"coupons", "report"});
    ASSERT_EQ(report.size(), 6u);
    EXPECT_EQ(report[0]["campaign"], "welcome");
    EXPECT_EQ(report[0]["issued"], 2);
    EXPECT_EQ(report[0]["redeemed"], 1);
    EXPECT_EQ(report[0]["discount"], "4.01 EUR");
    EXPECT_EQ(report[1]["created"], 3);
    EXPECT_EQ(report[2]["terms"], "12.5% off");
    EXPECT_EQ(report[2]["discount_minor"], 375);
}

TEST_F(Cli, MistakesAreRefusedWithWhatToDo) {
    const CustomerId ada = add_customer("Ada");
    EXPECT_NE(refused({"coupons", "issue", "--campaign", "autumn", "--customer", id(ada)})
                  .find("there is no coupon campaign 'autumn'; the campaigns are: welcome, fiver"),
              std::string::npos);
    EXPECT_NE(refused({"coupons", "issue", "--campaign", "welcome"}).find("--customer"),
              std::string::npos);
    EXPECT_NE(refused({"coupons", "issue", "--campaign", "welcome", "--customer", id(ada), "--tag",
                       "vip"})
                  .find("excludes"),
              std::string::npos);
    EXPECT_NE(
        refused({"coupons", "validate", "SUMMER10", "--order", "99"}).find("there is no order #99"),
        std::string::npos);
    EXPECT_NE(refused({"coupons", "redeem", "NOPE-NOPE", "--order", "99"})
                  .find("coupon NOPE-NOPE cannot be used on order #99: no coupon has the code "
                        "NOPE-NOPE; check it for typos; nothing was redeemed"),
              std::string::npos);
}

TEST_F(Cli, AConfigurationMistakeNamesItsFileLineAndColumn) {
    std::ifstream in(ws_.config_file());
    std::string text(std::istreambuf_iterator<char>(in), {});
    const auto at = text.find("percent: 10\n");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 11, "percent: 101");
    const auto broken = ws_.dir() / "broken.yaml";
    std::ofstream(broken) << text;
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    const int column = static_cast<int>(at - text.rfind('\n', at)) + 9;
    const CliResult result = e2e::run_cli(ws_.dir(), with_config({"coupons", "report"}, broken));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(
        result.err.find(fmt::format("broken.yaml:{}:{}: loyalty-coupons.campaigns[0].percent: "
                                    "'101' is not a percentage",
                                    line, column)),
        std::string::npos)
        << result.err;
}

TEST_F(Cli, TwoProcessesRedeemingOneSingleUseCodeAtOnceOneWins) {
    for (int round = 0; round < 4; ++round) {
        SCOPED_TRACE(fmt::format("round {}", round));
        // A code anyone may use once, and two customers who never used the campaign: only the
        // code's own limit stands between them.
        const auto created = json({"coupons", "create", "--campaign", "welcome"});
        const std::string code = created[0]["code"];
        const OrderId first_order = place_order(add_customer(fmt::format("Ada {}", round)), 3000);
        const OrderId second_order = place_order(add_customer(fmt::format("Bob {}", round)), 3000);
        CliProcess first(ws_.dir(),
                         with_config({"coupons", "redeem", code, "--order", id(first_order)}));
        CliProcess second(ws_.dir(),
                          with_config({"coupons", "redeem", code, "--order", id(second_order)}));
        const CliResult a = first.finish();
        const CliResult b = second.finish();
        EXPECT_EQ((a.exit_code == 0) + (b.exit_code == 0), 1) << a.err << b.err;
        const CliResult& loser = a.exit_code == 0 ? b : a;
        EXPECT_EQ(loser.exit_code, 1);
        EXPECT_NE(loser.err.find("used up: the code was used 1 of 1 times; nothing was redeemed"),
                  std::string::npos)
            << loser.err;
        EXPECT_EQ(count("loyalty_coupons_redemptions", "code = '" + canonical_code(code) + "'"), 1);
    }
}

}  // namespace
}  // namespace moshtari::coupons::testing
