// Configuration through the real host: a full campaign reads back, and each mistake is refused at
// its file:line:column with what to write instead.

#include <algorithm>
#include <fstream>

#include "coupons_fixture.hpp"
#include "moshtari/config_error.hpp"

namespace moshtari::coupons::testing {
namespace {

using moshtari::testing::ConfigRefusal;
using moshtari::testing::position_in;

ConfigRefusal open_with(const std::string& yaml) {
    return moshtari::testing::config_refusal({MOSHTARI_PLUGIN_DIR}, yaml, {"loyalty-coupons"});
}

// The refusal points at `text` (the offending value) and its message contains `message`.
void expect_refused(const std::string& yaml, const std::string& text, const std::string& message) {
    SCOPED_TRACE(yaml);
    const ConfigRefusal r = open_with(yaml);
    EXPECT_NE(r.message.find(message), std::string::npos) << r.message;
    EXPECT_EQ(std::pair(r.line, r.column), position_in(r.text, text, "\nloyalty-coupons:"))
        << r.message;
    EXPECT_TRUE(r.file.ends_with("moshtari.yaml")) << r.file;
}

TEST(Settings, EveryKeyReadsBack) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, R"yaml(
loyalty-coupons:
  code_length: 16
  campaigns:
    - id: spring
      currency: EUR
      percent: 12.75
      minimum_order: "25.00"
      valid_from: 2026-03-01
      valid_until: 2026-05-31
      valid_days: 14
      uses_per_code: 2
      uses_per_customer: 3
      total_uses: 500
      stackable: true
    - id: shop
      currency: JPY
      amount: "500"
      code: shop-500
)yaml",
                                        {"loyalty-coupons"});
    const Settings s =
        read_settings(ConfigSection::read_file(ws.config_file()).child("loyalty-coupons"));
    EXPECT_EQ(s.code_length, 16u);
    ASSERT_EQ(s.campaigns.size(), 2u);
    const Campaign& spring = s.campaign("spring");
    EXPECT_EQ(spring.kind, DiscountKind::percent);
    EXPECT_EQ(spring.percent_hundredths, 1275);
    EXPECT_EQ(spring.minimum_minor, 2500);
    EXPECT_EQ(spring.valid_from, *parse_time("2026-03-01"));
    EXPECT_EQ(spring.valid_until, *parse_time("2026-06-01")) << "all of 31 May";
    EXPECT_EQ(spring.valid_days, 14);
    EXPECT_EQ(spring.uses_per_code, 2);
    EXPECT_EQ(spring.uses_per_customer, 3);
    EXPECT_EQ(spring.total_uses, 500);
    EXPECT_TRUE(spring.stackable);
    EXPECT_FALSE(spring.shared());
    const Campaign& shop = s.campaign("shop");
    EXPECT_EQ(shop.kind, DiscountKind::amount);
    EXPECT_EQ(shop.amount_minor, 500);
    EXPECT_EQ(shop.shared_code, "SHOP500");
    EXPECT_EQ(shop.uses_per_code, 0) << "a shared code has no limit of its own by default";
    EXPECT_EQ(shop.uses_per_customer, 1);
    EXPECT_FALSE(shop.stackable);
    EXPECT_EQ(s.by_shared_code("SHOP500"), &shop);
    EXPECT_THROW(s.campaign("autumn"), UserError);
}

TEST(Settings, NoSectionMeansNoCampaigns) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, "", {"loyalty-coupons"});
    const Settings s =
        read_settings(ConfigSection::read_file(ws.config_file()).child("loyalty-coupons"));
    EXPECT_TRUE(s.campaigns.empty());
    try {
        s.campaign("spring");
        FAIL() << "a campaign was found in no configuration";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("add one under loyalty-coupons.campaigns"),
                  std::string::npos);
    }
}

constexpr const char* kHead =
    "\nloyalty-coupons:\n  campaigns:\n    - id: spring\n      currency: EUR\n";

TEST(Settings, DiscountMistakesPointAtTheirLine) {
    expect_refused(std::string(kHead) + "      percent: 10\n      amount: \"5.00\"\n", "\"5.00\"",
                   "give either percent or amount, not both");
    expect_refused(std::string(kHead) + "      stackable: true\n", "id: spring",
                   "give the discount: 'percent: 10' or 'amount: \"5.00\"'");
    expect_refused(std::string(kHead) + "      percent: 150\n", "150",
                   "'150' is not a percentage above 0 and at most 100");
    expect_refused(std::string(kHead) + "      percent: 12.345\n", "12.345",
                   "with at most two decimals");
    expect_refused(std::string(kHead) + "      amount: \"0\"\n", "\"0\"", "must be more than zero");
    expect_refused(std::string(kHead) + "      amount: \"5.001\"\n", "\"5.001\"", "5.001");
}

TEST(Settings, CampaignMistakesPointAtTheirLine) {
    expect_refused(
        "\nloyalty-coupons:\n  campaigns:\n    - id: spring\n      currency: EURO\n"
        "      percent: 10\n",
        "EURO", "EURO");
    expect_refused(std::string(kHead) + "      percent: 10\n      stackabel: true\n", "stackabel",
                   "did you mean 'stackable'");
    expect_refused(std::string(kHead) +
                       "      percent: 10\n      valid_from: 2026-05-01\n      valid_until: "
                       "2026-04-01\n",
                   "2026-04-01", "must be after valid_from");
    expect_refused(std::string(kHead) + "      percent: 10\n      valid_until: next week\n",
                   "next week", "'next week' is not a time; write 2026-12-31");
    expect_refused(
        std::string(kHead) + "      percent: 10\n      code: SPRING\n      valid_days: 7\n", "7",
        "applies to generated codes only");
    expect_refused(std::string(kHead) + "      percent: 10\n      code: \"10%!\"\n", "\"10%!\"",
                   "is not a usable code");
    expect_refused(std::string(kHead) + "      percent: 10\n      total_uses: -1\n", "-1",
                   "must be at least 0, got -1");
    expect_refused(std::string(kHead) +
                       "      percent: 10\n    - id: spring\n      currency: "
                       "EUR\n      percent: 5\n",
                   "spring\n      currency: EUR\n      percent: 5",
                   "a second campaign named 'spring'");
    expect_refused(std::string(kHead) +
                       "      percent: 10\n      code: SAVE-10\n    - id: autumn\n      currency: "
                       "EUR\n      percent: 5\n      code: save10\n",
                   "save10", "another campaign already has the code SAVE10");
    expect_refused("\nloyalty-coupons:\n  code_length: 6\n", "6", "must be at least 8, got 6");
    expect_refused("\nloyalty-coupons:\n  code_length: 40\n", "40", "must be at most 32, got 40");
}

}  // namespace
}  // namespace moshtari::coupons::testing
