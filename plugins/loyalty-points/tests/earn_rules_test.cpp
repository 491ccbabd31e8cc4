#include "earn_rules.hpp"

#include <gtest/gtest.h>

namespace moshtari::loyalty {
namespace {

EarnRules rate(std::string_view per_unit, Rounding rounding = Rounding::down) {
    EarnRules rules;
    EXPECT_TRUE(parse_ratio(per_unit, rules.points_per_unit));
    rules.rounding = rounding;
    return rules;
}

TEST(EarnRules, RatesAreExactDecimals) {
    Ratio r;
    ASSERT_TRUE(parse_ratio("1.25", r));
    EXPECT_EQ(r.numerator, 125);
    EXPECT_EQ(r.denominator, 100);
    ASSERT_TRUE(parse_ratio("3", r));
    EXPECT_EQ(r.numerator, 3);
    EXPECT_EQ(r.denominator, 1);
    for (const char* bad : {"", "-1", "1.", ".5", "1e3", "1.2345678", "one", "1,5"}) {
        EXPECT_FALSE(parse_ratio(bad, r)) << bad;
    }
}

TEST(EarnRules, PointsPerUnitWithEachRounding) {
    // 12.50 EUR at 1 point per euro: 12.5 points.
    EXPECT_EQ(order_points(rate("1"), 2, 1250, {}), 12);
    EXPECT_EQ(order_points(rate("1", Rounding::nearest), 2, 1250, {}), 13);
    EXPECT_EQ(order_points(rate("1", Rounding::nearest), 2, 1249, {}), 12);
    EXPECT_EQ(order_points(rate("1", Rounding::up), 2, 1201, {}), 13);
    EXPECT_EQ(order_points(rate("1", Rounding::up), 2, 1200, {}), 12);
    // 0.1 point per unit stays exact where a double would give 2.9999...: 30.00 EUR earns 3.
    EXPECT_EQ(order_points(rate("0.1"), 2, 3000, {}), 3);
    // A currency without minor units: 990 JPY at 0.01 per yen.
    EXPECT_EQ(order_points(rate("0.01"), 0, 990, {}), 9);
}

TEST(EarnRules, MinimumOrderBestTagMultiplierAndCap) {
    EarnRules rules = rate("1");
    rules.minimum_order_minor = 1000;
    ASSERT_TRUE(parse_ratio("1.5", rules.tag_multipliers["gold"]));
    ASSERT_TRUE(parse_ratio("2", rules.tag_multipliers["vip"]));
    EXPECT_EQ(order_points(rules, 2, 999, {"vip"}), 0) << "below the minimum";
    EXPECT_EQ(order_points(rules, 2, 1000, {}), 10);
    EXPECT_EQ(order_points(rules, 2, 1000, {"gold"}), 15);
    EXPECT_EQ(order_points(rules, 2, 1000, {"gold", "vip", "other"}), 20) << "the best one";
    rules.cap_per_order = 18;
    EXPECT_EQ(order_points(rules, 2, 1000, {"vip"}), 18);
    EXPECT_EQ(order_points(rules, 2, -5000, {}), 0) << "a negative total earns nothing";
}

TEST(EarnRules, CategoryMultipliersWeighEachLinesShareOfTheTotal) {
    EarnRules rules = rate("1");
    ASSERT_TRUE(parse_ratio("2", rules.category_multipliers["coffee"]));
    ASSERT_TRUE(parse_ratio("0.5", rules.category_multipliers["gift-cards"]));
    const std::vector<CategoryAmount> lines{{"coffee", 6000}, {"tea", 4000}};
    EXPECT_EQ(order_points(rules, 2, 10000, {}, lines), 160) << "60 x 2 + 40";
    EXPECT_EQ(order_points(rules, 2, 9000, {}, lines), 144) << "a discount shared by the lines";
    EXPECT_EQ(order_points(rules, 2, 10000, {}, {}), 100) << "no lines: the total";
    EXPECT_EQ(order_points(rules, 2, 10000, {}, {{"gift-cards", 10000}}), 50);
    ASSERT_TRUE(parse_ratio("2", rules.tag_multipliers["vip"]));
    EXPECT_EQ(order_points(rules, 2, 10000, {"vip"}, lines), 320) << "and the tag's on top";
}

}  // namespace
}  // namespace moshtari::loyalty
