// The single-pass EM iteration against Armadillo's density of the same mixture and against what EM
// promises, on points from known Gaussians.

#include "diagonal_em.hpp"

#include <gtest/gtest.h>

#include <omp.h>

#include <cmath>

#include "blobs.hpp"

namespace moshtari::mixture {
namespace {

const arma::mat kCentres = {{0.0, 8.0}, {0.0, 8.0}};

DiagonalMixture truth() {
    return {arma::rowvec{0.5, 0.5}, kCentres, arma::mat(2, 2, arma::fill::ones)};
}

TEST(DiagonalEmTest, ReturnsTheLogLikelihoodOfTheMixtureItStartedFrom) {
    const auto blobs = clustering::testing::make_blobs(kCentres, 400, 1.0, 11);
    DiagonalMixture mixture = truth();
    mixture.variances(1, 0) = 2.5;  // unequal, so a wrong normaliser shows
    // Armadillo's own density of the same mixture is the yardstick.
    arma::gmm_diag reference;
    reference.set_params(mixture.means, mixture.variances, mixture.weights);
    const double expected = reference.avg_log_p(blobs.data);
    const auto average = em_iteration(blobs.data, mixture, 1e-6);
    ASSERT_TRUE(average.has_value());
    EXPECT_NEAR(*average, expected, 1e-9);
    // From the true parameters one step lands near them: each group's sample mean and variance.
    EXPECT_NEAR(mixture.weights[0], 0.5, 0.01);
    EXPECT_LT(arma::abs(mixture.means - kCentres).max(), 0.15);
    EXPECT_LT(arma::abs(mixture.variances - 1.0).max(), 0.2);
    // EM never lowers the likelihood.
    const auto next = em_iteration(blobs.data, mixture, 1e-6);
    ASSERT_TRUE(next.has_value());
    EXPECT_GE(*next, *average);
}

TEST(DiagonalEmTest, TheResultDoesNotDependOnTheNumberOfThreads) {
    // More columns than one block, so the threads share the work.
    const auto blobs = clustering::testing::make_blobs(kCentres, 20'000, 2.0, 6);
    DiagonalMixture alone = truth(), shared = truth();
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    const auto first = em_iteration(blobs.data, alone, 1e-6);
    omp_set_num_threads(3);
    const auto second = em_iteration(blobs.data, shared, 1e-6);
    omp_set_num_threads(threads);
    ASSERT_TRUE(first && second);
    EXPECT_EQ(*first, *second);
    EXPECT_TRUE(arma::approx_equal(alone.means, shared.means, "absdiff", 0.0));
    EXPECT_TRUE(arma::approx_equal(alone.variances, shared.variances, "absdiff", 0.0));
    EXPECT_TRUE(arma::approx_equal(alone.weights, shared.weights, "absdiff", 0.0));
}

TEST(DiagonalEmTest, FailsWhenAClassIsLeftWithoutWeight) {
    const auto blobs = clustering::testing::make_blobs(kCentres, 100, 1.0, 4);
    DiagonalMixture mixture = truth();
    mixture.weights = {0.5, 0.25, 0.25};
    mixture.means.insert_cols(2, arma::vec{1e6, 1e6});
    mixture.variances.insert_cols(2, arma::vec{1e-6, 1e-6});
    EXPECT_FALSE(em_iteration(blobs.data, mixture, 1e-6).has_value());
}

TEST(DiagonalEmTest, KeepsVariancesAtTheFloor) {
    // Every point of the second class at one place: its variance would be zero.
    arma::mat data(1, 20, arma::fill::zeros);
    for (std::size_t j = 0; j < 10; ++j) data(0, j) = static_cast<double>(j) / 10.0 - 0.45;
    data.cols(10, 19).fill(50.0);
    DiagonalMixture mixture{arma::rowvec{0.5, 0.5}, arma::mat{{0.0, 50.0}}, arma::mat{{1.0, 1.0}}};
    ASSERT_TRUE(em_iteration(data, mixture, 1e-4).has_value());
    EXPECT_DOUBLE_EQ(mixture.variances(0, 1), 1e-4);
    EXPECT_NEAR(mixture.means(0, 1), 50.0, 1e-9);
}

}  // namespace
}  // namespace moshtari::mixture
