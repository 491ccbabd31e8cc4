// Configuration errors through the real host: each names file:line:column and what to write.

#include <fstream>

#include "loyalty_fixture.hpp"
#include "moshtari/config_error.hpp"

namespace moshtari::loyalty::testing {
namespace {

using moshtari::testing::ConfigRefusal;
using moshtari::testing::position_in;

ConfigRefusal open_with(const std::string& yaml) {
    return moshtari::testing::config_refusal({MOSHTARI_PLUGIN_DIR}, yaml, {"loyalty-points"});
}

TEST(Settings, AReadProgrammeHasEveryKey) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn:
        points_per_unit: 1.5
        rounding: nearest
        minimum_order: "10.00"
        tag_multipliers: {vip: 2, gold: 1.25}
        category_multipliers: {coffee: 3}
        cap_per_order: 500
      cap_per_period: 1000
      period: month
      bonuses: {first_order: 50, birthday: 20, by_hand: {review: 10}}
      redeem: {points: 100, value: "2.50", minimum: 200}
      lifetime_days: 365
      negative_balance: allow
)yaml",
                                        {"loyalty-points"});
    const Settings settings =
        read_settings(ConfigSection::read_file(ws.config_file()).child("loyalty-points"));
    const Programme& p = settings.programme("");
    EXPECT_EQ(p.earn.points_per_unit.numerator, 15);
    EXPECT_EQ(p.earn.points_per_unit.denominator, 10);
    EXPECT_EQ(p.earn.rounding, Rounding::nearest);
    EXPECT_EQ(p.earn.minimum_order_minor, 1000);
    EXPECT_EQ(p.earn.tag_multipliers.at("gold").numerator, 125);
    EXPECT_EQ(p.earn.category_multipliers.at("coffee").numerator, 3);
    EXPECT_EQ(p.earn.cap_per_order, 500);
    EXPECT_EQ(p.cap_per_period, 1000);
    EXPECT_EQ(p.period, Period::month);
    EXPECT_EQ(p.first_order_bonus, 50);
    EXPECT_EQ(p.birthday_bonus, 20);
    EXPECT_EQ(p.bonuses.at("review"), 10);
    EXPECT_EQ(p.redeem_points, 100);
    EXPECT_EQ(p.redeem_value, (Money{250, "EUR"}));
    EXPECT_EQ(p.minimum_redemption, 200);
    EXPECT_EQ(p.lifetime_days, 365);
    EXPECT_EQ(p.negative_balance, NegativeBalance::allow);
    EXPECT_EQ(format_money(p.value_of(1000)), "25.00 EUR");
}

TEST(Settings, ErrorsPointAtFileLineAndColumn) {
    struct Case {
        std::string yaml;
        std::string at;       // text on the line the error must point at
        std::string message;  // part of the message
    };
    const std::vector<Case> cases{
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n      earn:\n"
         "        points_per_unt: 1\n",
         "points_per_unt", "did you mean 'points_per_unit'"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n      earn:\n"
         "        points_per_unit: -1\n",
         "points_per_unit", "non-negative decimal"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n      earn:\n"
         "        rounding: sideways\n",
         "rounding", "'sideways' is not one of down, nearest, up"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EURO\n", "EURO",
         "currency"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n"
         "      cap_per_period: 100\n",
         "cap_per_period", "needs a period"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n"
         "      redeem: {points: 100, value: \"1.005\"}\n",
         "redeem:", "too many decimals"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n"
         "    - id: points\n      currency: USD\n",
         "- id: points\n      currency: USD", "a second programme named 'points'"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n"
         "      bonuses: {by_hand: {review: 0}}\n",
         "bonuses", "must be at least 1"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n"
         "      bonuses:\n        first_ordr: 50\n",
         "first_ordr", "did you mean 'first_order'"},
        {"loyalty-points:\n  programmes:\n    - id: points\n      currency: EUR\n"
         "      negative_balance: owe\n",
         "negative_balance", "'owe' is not one of clamp, allow"},
        {"loyalty-points:\n  programmes:\n    - currency: EUR\n", "- currency: EUR",
         "missing required key 'id'"},
    };
    for (const auto& c : cases) {
        const ConfigRefusal refusal = open_with(c.yaml);
        EXPECT_NE(refusal.message.find(c.message), std::string::npos)
            << refusal.message << "\nfor\n"
            << c.yaml;
        EXPECT_EQ(refusal.line, position_in(refusal.text, c.at).first) << refusal.message;
        EXPECT_GT(refusal.column, 0) << refusal.message;
        EXPECT_TRUE(refusal.file.ends_with("moshtari.yaml")) << refusal.file;
    }
}

}  // namespace
}  // namespace moshtari::loyalty::testing
