// The simple CLV formula against a hand computation.

#include "simple_clv.hpp"

#include <gtest/gtest.h>

namespace moshtari::value {
namespace {

TEST(SimpleClv, ThreeYearsWorkedByHand) {
    SimpleSettings s;
    s.currency = "EUR";
    s.margin_per_order_minor = 2500;  // 25.00 EUR
    s.purchases_per_period = 4;       // 100.00 EUR of margin a year
    s.retention_rate = 0.8;
    s.discount_rate = 0.1;
    s.inflation_rate = 0.02;
    s.horizon = 3;
    // Year 1: 100 / 1.1 = 90.909091
    // Year 2: 100 * 1.02 * 0.8 / 1.21 = 67.438017
    // Year 3: 100 * 1.0404 * 0.64 / 1.331 = 50.026747
    const SimpleClv clv = simple_clv(s);
    ASSERT_EQ(clv.periods.size(), 3u);
    EXPECT_NEAR(clv.periods[0].discounted_minor, 9090.9091, 1e-3);
    EXPECT_NEAR(clv.periods[1].margin_minor, 8160, 1e-9);
    EXPECT_NEAR(clv.periods[1].discounted_minor, 6743.8017, 1e-3);
    EXPECT_NEAR(clv.periods[2].survival, 0.64, 1e-12);
    EXPECT_NEAR(clv.periods[2].discounted_minor, 5002.6747, 1e-3);
    EXPECT_NEAR(clv.total_minor, 20837.3854, 1e-3);
}

TEST(SimpleClv, WithoutDiscountOrInflationItIsTheRetainedMargin) {
    SimpleSettings s;
    s.margin_per_order_minor = 1000;
    s.purchases_per_period = 2;
    s.retention_rate = 0.5;
    s.horizon = 4;
    // 2000 * (1 + 0.5 + 0.25 + 0.125)
    EXPECT_NEAR(simple_clv(s).total_minor, 3750, 1e-9);
}

}  // namespace
}  // namespace moshtari::value
