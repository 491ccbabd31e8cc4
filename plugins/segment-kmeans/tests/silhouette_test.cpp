// Silhouettes by hand on a tiny case, the sample, and choosing k by silhouette on known groups.

#include "silhouette.hpp"

#include <gtest/gtest.h>

#include "blobs.hpp"
#include "column_sample.hpp"
#include "kmeans.hpp"

namespace moshtari::clustering::testing {
namespace {

TEST(Silhouette, MatchesTheDefinitionOnATinyCase) {
    // Points 0, 1 | 5, 7 on a line.
    const arma::mat data = {{0.0, 1.0, 5.0, 7.0}};
    const auto sample = sample_columns(4, 10, 1);
    const std::vector<std::vector<std::uint32_t>> labels{{0, 0, 1, 1}};
    const auto means = mean_silhouettes(data, sample, labels, {2});
    // a and b per point: (1, 6), (1, 5), (2, 4.5), (2, 6.5).
    const double expected = ((6.0 - 1) / 6 + (5.0 - 1) / 5 + (4.5 - 2) / 4.5 + (6.5 - 2) / 6.5) / 4;
    ASSERT_EQ(means.size(), 1u);
    EXPECT_NEAR(means[0], expected, 1e-12);
}

TEST(Silhouette, APointAloneInItsClusterCountsZero) {
    const arma::mat data = {{0.0, 1.0, 9.0}};
    const auto means = mean_silhouettes(data, sample_columns(3, 10, 1), {{0, 0, 1}}, {2});
    // Points 0 and 1: a = 1, b = 9 and 8; point 2 alone: 0.
    EXPECT_NEAR(means[0], ((9.0 - 1) / 9 + (8.0 - 1) / 8 + 0) / 3, 1e-12);
}

TEST(ColumnSample, IsSeededDistinctAndAscending) {
    const auto sample = sample_columns(1000, 100, 9);
    ASSERT_EQ(sample.size(), 100u);
    for (std::size_t i = 1; i < sample.size(); ++i) ASSERT_LT(sample[i - 1], sample[i]);
    EXPECT_LT(sample.back(), 1000u);
    EXPECT_EQ(sample, sample_columns(1000, 100, 9));
    EXPECT_NE(sample, sample_columns(1000, 100, 10));
    EXPECT_EQ(sample_columns(5, 100, 9), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(Silhouette, PicksTheTrueNumberOfGroups) {
    const arma::mat centres = {{0.0, 8.0, 0.0, 8.0}, {0.0, 0.0, 8.0, 8.0}};
    const Blobs blobs = make_blobs(centres, 150, 1.0, 21);
    std::vector<std::vector<std::uint32_t>> labellings;
    std::vector<std::size_t> ks;
    for (std::size_t k = 2; k <= 7; ++k) {
        ks.push_back(k);
        labellings.push_back(kmeans(blobs.data, {k, 3, 100, 1e-4}).labels);
    }
    // A sample smaller than the data, as with a million customers.
    const auto scores =
        mean_silhouettes(blobs.data, sample_columns(blobs.data.n_cols, 300, 3), labellings, ks);
    const auto best = std::max_element(scores.begin(), scores.end()) - scores.begin();
    EXPECT_EQ(ks[best], 4u);
}

}  // namespace
}  // namespace moshtari::clustering::testing
