// The BG/NBD likelihood, P(alive) and conditional expectation against values worked out by hand
// and the figures Fader, Hardie & Lee (2005) publish.

#include "bg_nbd.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "moshtari/error.hpp"

namespace moshtari::value {
namespace {

// The paper's estimates on the CDNOW sample (weeks).
constexpr BgNbd kCdnow{0.243, 4.414, 0.793, 2.426};

TEST(BgNbd, LikelihoodOfOneCustomerMatchesTheFormulaWorkedByHand) {
    // x = 0: the customer made no repeat purchase in T = 10, which has probability
    // (alpha / (alpha + T))^r = 2/12 for r = 1, alpha = 2.
    EXPECT_NEAR(log_likelihood({1, 2, 1, 1}, {{{0, 0, 10}, 1}}), std::log(2.0 / 12.0), 1e-12);
    // x = 1, t_x = 5, T = 10, r = 1, alpha = 2, a = b = 1:
    // B(1,2)/B(1,1) * Gamma(2) 2^1 / Gamma(1) * [12^-2 + 1/1 * 7^-2] = 1/144 + 1/49.
    EXPECT_NEAR(log_likelihood({1, 2, 1, 1}, {{{1, 5, 10}, 1}}), std::log(1.0 / 144 + 1.0 / 49),
                1e-12);
    // A group of three weighs as three customers.
    EXPECT_NEAR(log_likelihood({1, 2, 1, 1}, {{{1, 5, 10}, 3}}), 3 * std::log(1.0 / 144 + 1.0 / 49),
                1e-12);
}

TEST(BgNbd, AnalyticGradientAgreesWithFiniteDifferences) {
    const std::vector<HistoryGroup> groups{
        {{0, 0, 38.86}, 1411}, {{1, 12.3, 35.0}, 40}, {{2, 30.43, 38.86}, 7}, {{7, 20, 21}, 2}};
    std::vector<double> gradient;
    const BgNbd at{0.4, 6.0, 0.9, 2.1};
    log_likelihood(at, groups, &gradient);
    const double h = 1e-6;
    double BgNbd::*fields[] = {&BgNbd::r, &BgNbd::alpha, &BgNbd::a, &BgNbd::b};
    for (std::size_t i = 0; i < 4; ++i) {
        BgNbd up = at, down = at;
        up.*fields[i] += h;
        down.*fields[i] -= h;
        const double numeric =
            (log_likelihood(up, groups) - log_likelihood(down, groups)) / (2 * h);
        EXPECT_NEAR(gradient[i], numeric, 1e-4 * std::max(1.0, std::abs(numeric)))
            << "parameter " << i;
    }
}

TEST(BgNbd, PaperExampleCustomer) {
    // The paper's example: x = 2, t_x = 30.43, T = 38.86 under its estimates expects 1.226
    // purchases in the next 39 weeks. P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
    // = 0.72658, computed once by hand from the formula (and checked with SciPy).
    const PurchaseHistory customer{2, 30.43, 38.86};
    EXPECT_NEAR(probability_alive(kCdnow, customer), 0.726579, 1e-6);
    EXPECT_NEAR(expected_purchases(kCdnow, customer, 39), 1.226, 5e-4);
    EXPECT_NEAR(expected_purchases(kCdnow, customer, 39), 1.2260282, 1e-6);
}

TEST(BgNbd, ANewCustomerExpectsWhatTheModelExpectsOfAnyone) {
    // x = 0 at T = 0 is no information: the conditional expectation is the unconditional
    // E[X(39)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))] = 1.196723
    // (the 2F1 summed as a series in SciPy).
    EXPECT_NEAR(expected_purchases(kCdnow, {0, 0, 0}, 39), 1.1967232, 1e-6);
    EXPECT_DOUBLE_EQ(probability_alive(kCdnow, {0, 0, 0}), 1.0);
    EXPECT_EQ(expected_purchases(kCdnow, {3, 10, 20}, 0), 0);
}

TEST(BgNbd, ExpectationIsContinuousThroughAEqualToOne) {
    // At a = 1 the textbook formula is 0/0; the transformed one is not.
    const PurchaseHistory customer{4, 25, 38};
    const double at_one = expected_purchases({0.5, 5, 1.0, 2.5}, customer, 52);
    const double below = expected_purchases({0.5, 5, 1.0 - 1e-7, 2.5}, customer, 52);
    const double above = expected_purchases({0.5, 5, 1.0 + 1e-7, 2.5}, customer, 52);
    EXPECT_GT(at_one, 0);
    EXPECT_NEAR(at_one, below, 1e-6);
    EXPECT_NEAR(at_one, above, 1e-6);
}

TEST(BgNbd, TheTwoSeriesAgreeWhereTheExpectationSwitchesFromOneToTheOther) {
    // For t = 39, T = 38 and alpha = 5, -ln(1-z) = ln(82/43); the transformed series is used up
    // to (a-1)(-ln(1-z)) = 30, the paper's beyond.
    const double switch_a = 1 + 30 / std::log(82.0 / 43.0);
    const PurchaseHistory customer{3, 20, 38};
    const double below = expected_purchases({0.5, 5, switch_a - 1e-9, 2 * switch_a}, customer, 39);
    const double above = expected_purchases({0.5, 5, switch_a + 1e-9, 2 * switch_a}, customer, 39);
    EXPECT_GT(below, 0);
    EXPECT_NEAR(below, above, 1e-7 * below);
}

TEST(BgNbd, ASharedDropoutProbabilityIsTheLimitOfLargeAAndB) {
    // a and b in the millions (a fit on customers who all drop out alike) put every customer's
    // dropout probability at a / (a + b); the expectation approaches that of a = 1e5 at the same
    // ratio and stays finite.
    const PurchaseHistory customer{1, 1.29, 32.6};
    const double huge = expected_purchases({1.44, 6.81, 8.13e6, 1.753e7}, customer, 39);
    const double large = expected_purchases({1.44, 6.81, 8.13e4, 1.753e5}, customer, 39);
    EXPECT_TRUE(std::isfinite(huge));
    EXPECT_GT(huge, 0);
    EXPECT_NEAR(huge, large, 1e-3 * large);
}

TEST(BgNbd, ExpectationsGrowWithTheHorizonAndFallWithSilence) {
    EXPECT_LT(expected_purchases(kCdnow, {5, 30, 38}, 10),
              expected_purchases(kCdnow, {5, 30, 38}, 20));
    // The same five purchases, the last long ago: less likely alive, fewer purchases to come.
    EXPECT_LT(probability_alive(kCdnow, {5, 5, 38}), probability_alive(kCdnow, {5, 30, 38}));
    EXPECT_LT(expected_purchases(kCdnow, {5, 5, 38}, 39),
              expected_purchases(kCdnow, {5, 30, 38}, 39));
    // Very frequent buyers: the parameters of the series stay small however large x is.
    const double heavy = expected_purchases(kCdnow, {400, 38, 38.5}, 39);
    EXPECT_TRUE(std::isfinite(heavy));
    EXPECT_GT(heavy, 100);
}

TEST(BgNbd, FitRefusesHistoriesWithoutARepeatPurchase) {
    // Without repeat purchases the rate cannot be learnt, and the fit says so.
    EXPECT_THROW(fit_bg_nbd({{{0, 0, 10}, 5}}), UserError);
}

}  // namespace
}  // namespace moshtari::value
