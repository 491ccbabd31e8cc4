// Gaussian mixtures fitted by EM (diagonal_em for diagonal covariances, Armadillo's gmm_full for
// full ones) on points drawn from known Gaussians.

#include "mixture_fit.hpp"

#include <gtest/gtest.h>

#include "blobs.hpp"

namespace moshtari::mixture {
namespace {

using clustering::testing::Blobs;
using clustering::testing::make_blobs;
using clustering::testing::same_partition;

const arma::mat kThreeCentres = {{0.0, 6.0, 0.0}, {0.0, 0.0, 6.0}};
// Far enough apart (10 standard deviations) that no point is likelier under another group.
const arma::mat kFarCentres = {{0.0, 10.0, 0.0}, {0.0, 0.0, 10.0}};

class MixtureFitTest : public ::testing::TestWithParam<Covariance> {};

TEST_P(MixtureFitTest, RecoversWeightsMeansVariancesAndMemberships) {
    const Blobs blobs = make_blobs(kFarCentres, 300, 1.0, 5);
    const auto fit = fit_mixture(blobs.data, {3, GetParam(), 1, 200, 1e-6});
    ASSERT_TRUE(fit.has_value());
    EXPECT_TRUE(fit->converged);
    for (std::size_t g = 0; g < 3; ++g) {
        EXPECT_NEAR(fit->weights[g], 1.0 / 3, 0.02);
        double nearest = 1e9;
        for (std::size_t c = 0; c < 3; ++c)
            nearest = std::min(nearest, arma::norm(fit->means.col(g) - kFarCentres.col(c)));
        EXPECT_LT(nearest, 0.2);
        EXPECT_NEAR(fit->variances(0, g), 1.0, 0.2);
        EXPECT_NEAR(fit->variances(1, g), 1.0, 0.2);
    }
    // Memberships are probabilities, and the most probable class is the true group.
    EXPECT_TRUE(arma::approx_equal(arma::sum(fit->memberships, 0),
                                   arma::ones<arma::rowvec>(blobs.data.n_cols), "absdiff", 1e-9));
    std::vector<std::uint32_t> labels;
    for (std::size_t j = 0; j < blobs.data.n_cols; ++j)
        labels.push_back(static_cast<std::uint32_t>(fit->memberships.col(j).index_max()));
    EXPECT_TRUE(same_partition(labels, blobs.truth));
    // The BIC is what its definition says.
    EXPECT_DOUBLE_EQ(
        fit->bic, -2 * fit->log_likelihood + fit->parameters * std::log(static_cast<double>(900)));
}

TEST_P(MixtureFitTest, BicPicksTheTrueNumberOfClasses) {
    const Blobs blobs = make_blobs(kThreeCentres, 200, 1.0, 9);
    std::size_t best = 0;
    double lowest = arma::datum::inf;
    for (std::size_t k = 1; k <= 6; ++k) {
        const auto fit = fit_mixture(blobs.data, {k, GetParam(), 4, 200, 1e-4});
        ASSERT_TRUE(fit.has_value()) << k << " classes";
        if (fit->bic < lowest) {
            lowest = fit->bic;
            best = k;
        }
    }
    EXPECT_EQ(best, 3u);
}

TEST_P(MixtureFitTest, TheSameSeedGivesTheSameFit) {
    const Blobs blobs = make_blobs(kThreeCentres, 100, 1.5, 2);
    const auto first = fit_mixture(blobs.data, {3, GetParam(), 7, 50, 1e-4});
    const auto again = fit_mixture(blobs.data, {3, GetParam(), 7, 50, 1e-4});
    ASSERT_TRUE(first && again);
    EXPECT_TRUE(arma::approx_equal(first->means, again->means, "absdiff", 0.0));
    EXPECT_TRUE(arma::approx_equal(first->memberships, again->memberships, "absdiff", 0.0));
    EXPECT_EQ(first->log_likelihood, again->log_likelihood);
}

TEST_P(MixtureFitTest, StopsAtTheIterationLimit) {
    const Blobs blobs = make_blobs(kThreeCentres, 100, 2.5, 3);
    const auto fit = fit_mixture(blobs.data, {4, GetParam(), 1, 2, 0.0});
    ASSERT_TRUE(fit.has_value());
    EXPECT_EQ(fit->iterations, 2);
    EXPECT_FALSE(fit->converged);
}

INSTANTIATE_TEST_SUITE_P(Covariances, MixtureFitTest,
                         ::testing::Values(Covariance::diagonal, Covariance::full));

TEST(MixtureParameters, CountWeightsMeansAndCovariances) {
    // 3 classes of 2 features: 2 free weights, 6 means, and 6 variances or 3 x 3 covariances.
    EXPECT_EQ(free_parameters(3, 2, Covariance::diagonal), 14u);
    EXPECT_EQ(free_parameters(3, 2, Covariance::full), 17u);
    EXPECT_EQ(free_parameters(1, 4, Covariance::full), 14u);
}

}  // namespace
}  // namespace moshtari::mixture
