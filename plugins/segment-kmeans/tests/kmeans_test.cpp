// k-means++ seeding and Lloyd's iterations on known groups.

#include "kmeans.hpp"

#include <gtest/gtest.h>

#include <set>

#include "blobs.hpp"
#include "moshtari/error.hpp"

namespace moshtari::clustering::testing {
namespace {

const arma::mat kThreeCentres = {{0.0, 10.0, 0.0}, {0.0, 0.0, 10.0}};

TEST(KMeans, RecoversThreeSeparatedGroupsExactly) {
    const Blobs blobs = make_blobs(kThreeCentres, 200, 1.0, 7);
    const KMeansResult result = kmeans(blobs.data, {3, 42, 100, 1e-4});
    EXPECT_TRUE(result.converged);
    EXPECT_TRUE(same_partition(result.labels, blobs.truth));
    // Each centre is within a few tenths of its group's true centre.
    for (std::size_t c = 0; c < 3; ++c) {
        const arma::vec centre = result.means.col(c);
        double nearest = 1e9;
        for (std::size_t g = 0; g < 3; ++g)
            nearest = std::min(nearest, arma::norm(centre - kThreeCentres.col(g)));
        EXPECT_LT(nearest, 0.3);
    }
    // Distances are to the customer's own centre, and the inertia is their sum of squares.
    double inertia = 0;
    for (std::size_t j = 0; j < blobs.data.n_cols; ++j) {
        const double distance = arma::norm(blobs.data.col(j) - result.means.col(result.labels[j]));
        ASSERT_NEAR(result.distances[j], distance, 1e-9);
        inertia += distance * distance;
    }
    EXPECT_NEAR(result.inertia, inertia, 1e-6 * inertia);
}

TEST(KMeans, TheSameSeedGivesTheSameResultAndAnotherSeedTheSameGroups) {
    const Blobs blobs = make_blobs(kThreeCentres, 100, 1.0, 3);
    const KMeansResult first = kmeans(blobs.data, {3, 5, 100, 1e-4});
    const KMeansResult again = kmeans(blobs.data, {3, 5, 100, 1e-4});
    EXPECT_EQ(first.labels, again.labels);
    EXPECT_TRUE(arma::approx_equal(first.means, again.means, "absdiff", 0.0));
    EXPECT_EQ(first.iterations, again.iterations);
    const KMeansResult other = kmeans(blobs.data, {3, 6, 100, 1e-4});
    EXPECT_TRUE(same_partition(first.labels, other.labels));
}

TEST(KMeans, PlusPlusSeedsDistinctPointsOfTheData) {
    const Blobs blobs = make_blobs(kThreeCentres, 50, 1.0, 11);
    std::mt19937_64 rng(1);
    const arma::mat seeds = kmeans_plus_plus(blobs.data, 3, rng);
    std::set<std::uint32_t> groups;
    for (std::size_t c = 0; c < 3; ++c) {
        bool found = false;
        for (std::size_t j = 0; j < blobs.data.n_cols && !found; ++j) {
            if (arma::approx_equal(seeds.col(c), blobs.data.col(j), "absdiff", 0.0)) {
                found = true;
                groups.insert(blobs.truth[j]);
            }
        }
        EXPECT_TRUE(found) << "seed " << c << " is not a point of the data";
    }
    // Far-apart groups: the squared-distance weighting all but certainly seeds one in each.
    EXPECT_EQ(groups.size(), 3u);
}

TEST(KMeans, ACentreLeftWithoutPointsMovesToTheFarthestPoint) {
    const Blobs blobs = make_blobs(kThreeCentres, 30, 0.5, 2);
    // Two centres on the first group and one far from everything: the far one wins no point.
    const arma::mat start = {{0.0, 0.1, 1000.0}, {0.0, 0.1, 1000.0}};
    const KMeansResult result = lloyd(blobs.data, start, 100, 1e-4);
    std::set<std::uint32_t> used(result.labels.begin(), result.labels.end());
    EXPECT_EQ(used.size(), 3u);
    EXPECT_TRUE(same_partition(result.labels, blobs.truth));
}

TEST(KMeans, StopsAtTheIterationLimitWhenNotConverged) {
    const Blobs blobs = make_blobs(kThreeCentres, 50, 3.0, 4);
    const KMeansResult result = kmeans(blobs.data, {3, 1, 1, 0.0});
    EXPECT_EQ(result.iterations, 1);
    EXPECT_FALSE(result.converged);
}

TEST(KMeans, RefusesMoreClustersThanPoints) {
    const arma::mat two = {{0.0, 1.0}};
    try {
        kmeans(two, {3, 1, 10, 1e-4});
        FAIL() << "expected a UserError";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("needs at least 3 customers to cluster, and there "
                                             "are 2"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace moshtari::clustering::testing
