// Configuration through the real host: every key read, and each error at its file:line:column
// with what to write instead.

#include <fstream>

#include "moshtari/config_error.hpp"
#include "tiers_fixture.hpp"

namespace moshtari::tiers::testing {
namespace {

using moshtari::testing::ConfigRefusal;
using moshtari::testing::position_in;

ConfigRefusal open_with(const std::string& yaml) {
    return moshtari::testing::config_refusal({MOSHTARI_PLUGIN_DIR}, yaml, {"loyalty-tiers"});
}

using Settings_ = TiersTest;

TEST_F(Settings_, EveryKeyIsRead) {
    const Programme& p = programme();
    EXPECT_EQ(p.currency, "EUR");
    EXPECT_EQ(p.basis, Basis::spend);
    EXPECT_EQ(p.window_days, 365);
    EXPECT_EQ(p.grace_days, 30);
    ASSERT_EQ(p.tiers.size(), 3u);
    EXPECT_EQ(p.tiers[0].id, "bronze");
    EXPECT_EQ(p.tiers[0].name, "bronze");
    EXPECT_EQ(p.tiers[0].threshold, 0);
    EXPECT_EQ(p.tiers[0].benefits.earn_multiplier, "1");
    EXPECT_EQ(p.tiers[0].benefits.discount_percent, "0");
    EXPECT_FALSE(p.tiers[0].benefits.delivery_days);
    EXPECT_EQ(p.tiers[1].threshold, 20000);
    EXPECT_EQ(p.tiers[1].benefits.earn_multiplier, "1.25");
    EXPECT_EQ(p.tiers[1].benefits.discount_percent, "5");
    EXPECT_EQ(p.tiers[1].benefits.delivery_days, 3);
    const Tier& gold = p.tiers[2];
    EXPECT_EQ(gold.name, "Gold");
    EXPECT_EQ(gold.threshold, 50000);
    EXPECT_TRUE(gold.benefits.free_shipping);
    EXPECT_TRUE(gold.benefits.priority_support);
    EXPECT_EQ(gold.benefits.extra["lounge"], "yes");
    EXPECT_EQ(p.qualified_rank(19999), 0);
    EXPECT_EQ(p.qualified_rank(20000), 1);
    EXPECT_EQ(p.format_value(20000), "200.00 EUR");
}

TEST(Settings, ErrorsPointAtFileLineAndColumn) {
    struct Case {
        std::string yaml;
        std::string at;       // text on the line the error must point at
        std::string message;  // part of the message
    };
    const std::string head =
        "loyalty-tiers:\n  programmes:\n    - id: status\n      currency: EUR\n";
    const std::string tiers = "      tiers:\n        - {id: bronze, threshold: 0}\n";
    const std::string block = "      tiers:\n        - id: bronze\n          threshold: 0\n";
    const std::vector<Case> cases{
        {head + "      grace_day: 30\n" + tiers, "grace_day", "did you mean 'grace_days'"},
        {head + "      tiers:\n        - id: bronze\n          treshold: 0\n", "treshold",
         "did you mean 'threshold'"},
        {head + block + "          benefits: {earn_multiplyer: 2}\n", "benefits",
         "did you mean 'earn_multiplier'"},
        {head + "      by: visits\n" + tiers, "by: visits", "'visits' is not one of spend, points"},
        {head + "      by: points\n" + tiers, "by: points", "needs points_programme"},
        {head + "      points_programme: points\n" + tiers, "points_programme",
         "applies only with 'by: points'"},
        {head + "      window_days: 0\n" + tiers, "window_days", "must be at least 1"},
        {head + "      grace_days: -1\n" + tiers, "grace_days", "must be at least 0"},
        {head, "- id: status", "at least one tier"},
        {head + "      tiers:\n        - {id: bronze}\n", "{id: bronze}", "needs a threshold"},
        {head + "      tiers:\n        - {id: bronze, threshold: \"10.005\"}\n", "10.005",
         "too many decimals"},
        {head + "      tiers:\n        - {id: bronze, threshold: \"-5.00\"}\n", "-5.00",
         "must not be negative"},
        {head + "      tiers:\n        - {id: silver, threshold: 200}\n"
                "        - {id: bronze, threshold: 100}\n",
         "id: bronze", "'bronze' needs more than 'silver' (200.00 EUR)"},
        {head + "      tiers:\n        - {id: gold, threshold: 1}\n        - {id: gold, threshold: "
                "2}\n",
         "threshold: 2", "a second tier named 'gold'"},
        {head + block + "          benefits: {discount_percent: 120}\n", "benefits",
         "more than 100 percent"},
        {head + block + "          benefits: {earn_multiplier: -1}\n", "benefits",
         "'-1' is not a non-negative decimal"},
        {head + block + "          benefits: {delivery_days: -2}\n", "benefits",
         "must be at least 0"},
        {"loyalty-tiers:\n  programmes:\n    - id: status\n      currency: EURO\n" + tiers, "EURO",
         "currency"},
        {"loyalty-tiers:\n  programmes:\n    - id: gold status\n      currency: EUR\n" + tiers,
         "gold status", "without spaces"},
        {head + tiers + "    - id: status\n      currency: USD\n" + tiers,
         "- id: status\n      currency: USD", "a second programme named 'status'"},
        {"loyalty-tiers:\n  programme:\n    - id: status\n",
         "programme:", "did you mean 'programmes'"},
    };
    for (const auto& c : cases) {
        const ConfigRefusal refusal = open_with(c.yaml);
        EXPECT_NE(refusal.message.find(c.message), std::string::npos)
            << refusal.message << "\nfor\n"
            << c.yaml;
        EXPECT_EQ(refusal.line, position_in(refusal.text, c.at).first) << refusal.message << "\n"
                                                                       << c.yaml;
        EXPECT_GT(refusal.column, 0) << refusal.message;
        EXPECT_TRUE(refusal.file.ends_with("moshtari.yaml")) << refusal.file;
    }
}

}  // namespace
}  // namespace moshtari::tiers::testing
