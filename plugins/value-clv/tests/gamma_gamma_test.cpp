// The Gamma-Gamma likelihood and expected spend against values worked out by hand.

#include "gamma_gamma.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "moshtari/error.hpp"

namespace moshtari::value {
namespace {

TEST(GammaGamma, LikelihoodOfOneCustomerMatchesTheDensityWorkedByHand) {
    // x = 1, mean 1, p = q = gamma = 1: Gamma(2)/(Gamma(1) Gamma(1)) 1^1 1^0 1^1 / (1 + 1)^2 = 1/4.
    EXPECT_NEAR(log_likelihood({1, 1, 1}, {{1, 1.0}}), std::log(0.25), 1e-12);
    // x = 2, mean 3, p = 2, q = 3, gamma = 4: Gamma(7)/(Gamma(4) Gamma(3)) 4^3 3^3 2^4 / 10^7
    // = 720/12 * 64 * 27 * 16 / 1e7 = 0.165888.
    EXPECT_NEAR(log_likelihood({2, 3, 4}, {{2, 3.0}}), std::log(0.165888), 1e-12);
}

TEST(GammaGamma, AnalyticGradientAgreesWithFiniteDifferences) {
    const std::vector<SpendHistory> customers{
        {1, 20.5}, {2, 35.0}, {2, 12.25}, {6, 48.9}, {1, 310}};
    const GammaGamma at{5.0, 3.5, 14.0};
    std::vector<double> gradient;
    log_likelihood(at, customers, &gradient);
    const double h = 1e-6;
    double GammaGamma::*fields[] = {&GammaGamma::p, &GammaGamma::q, &GammaGamma::gamma};
    for (std::size_t i = 0; i < 3; ++i) {
        GammaGamma up = at, down = at;
        up.*fields[i] += h;
        down.*fields[i] -= h;
        const double numeric =
            (log_likelihood(up, customers) - log_likelihood(down, customers)) / (2 * h);
        EXPECT_NEAR(gradient[i], numeric, 1e-5 * std::max(1.0, std::abs(numeric)))
            << "parameter " << i;
    }
}

TEST(GammaGamma, ExpectedSpendWeighsTheCustomerAgainstThePopulation) {
    // The note's estimates: the population mean is p gamma / (q - 1) = 6.25 * 15.44 / 2.74.
    const GammaGamma cdnow{6.25, 3.74, 15.44};
    EXPECT_NEAR(expected_spend(cdnow, {0, 0}), 35.218978, 1e-6);
    // Two purchases averaging 30: 6.25 (15.44 + 2 * 30) / (6.25 * 2 + 3.74 - 1) = 30.938320.
    EXPECT_NEAR(expected_spend(cdnow, {2, 30}), 30.938320, 1e-6);
    // The more purchases, the more the customer's own mean counts.
    EXPECT_NEAR(expected_spend(cdnow, {1000, 30}), 30.0, 0.1);
}

TEST(GammaGamma, FitNeedsRepeatPurchasesOfPositiveValue) {
    EXPECT_THROW(fit_gamma_gamma({{0, 0}, {3, 0}}), UserError);
}

}  // namespace
}  // namespace moshtari::value
