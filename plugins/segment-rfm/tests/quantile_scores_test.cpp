// The tie rule on known data, small n and every bin count, against its definition.

#include "quantile_scores.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace moshtari::rfm {
namespace {

using Scores = std::vector<std::uint8_t>;

// The rule as the README states it, counted the slow way.
Scores by_definition(const std::vector<double>& values, int bins) {
    Scores scores;
    const auto n = static_cast<std::int64_t>(values.size());
    for (const double v : values) {
        const auto below =
            std::count_if(values.begin(), values.end(), [&](double w) { return w < v; });
        scores.push_back(static_cast<std::uint8_t>(1 + bins * below / n));
    }
    return scores;
}

TEST(QuantileScores, TenDistinctValuesFallTwoToAQuintileWhateverTheirOrder) {
    EXPECT_EQ(quantile_scores({3, 9, 1, 7, 5, 2, 10, 4, 8, 6}, 5),
              (Scores{2, 5, 1, 4, 3, 1, 5, 2, 4, 3}));
}

TEST(QuantileScores, TiedValuesShareTheScoreOfTheFirstOfTheirBlock) {
    // Six customers with one order: below = 0 for all, so all score 1; the next value has six
    // below it: 1 + floor(5 * 6 / 10) = 4. Scores 2 and 3 are given to no one.
    EXPECT_EQ(quantile_scores({1, 1, 1, 2, 1, 1, 3, 4, 1, 5}, 5),
              (Scores{1, 1, 1, 4, 1, 1, 4, 5, 1, 5}));
    EXPECT_EQ(quantile_scores({7, 7, 7, 7}, 5), (Scores{1, 1, 1, 1}));
    // A tie at the top: the block starts at position 2 of 5, 1 + floor(5 * 2 / 5) = 3.
    EXPECT_EQ(quantile_scores({9, 1, 9, 2, 9}, 5), (Scores{3, 1, 3, 2, 3}));
}

TEST(QuantileScores, SmallCountsSkipScoresRatherThanInventOrder) {
    EXPECT_TRUE(quantile_scores({}, 5).empty());
    EXPECT_EQ(quantile_scores({42}, 5), (Scores{1}));
    EXPECT_EQ(quantile_scores({2, 1}, 5), (Scores{3, 1}));
    EXPECT_EQ(quantile_scores({3, 1, 2}, 5), (Scores{4, 1, 2}));
    EXPECT_EQ(quantile_scores({-0.5, -3.25, -1}, 2), (Scores{2, 1, 1}));
}

TEST(QuantileScores, AgreesWithTheDefinitionForEveryBinCountOnDataFullOfTies) {
    std::mt19937 random(20261124);
    for (int bins = 2; bins <= 9; ++bins) {
        for (int n = 1; n <= 60; ++n) {
            std::uniform_int_distribution<int> draw(0, 1 + n / 3);  // few distinct values
            std::vector<double> values(static_cast<std::size_t>(n));
            for (auto& v : values) v = draw(random) * 0.5;
            const Scores scores = quantile_scores(values, bins);
            ASSERT_EQ(scores, by_definition(values, bins)) << "bins " << bins << ", n " << n;
            for (std::size_t i = 0; i < values.size(); ++i) {
                for (std::size_t j = 0; j < values.size(); ++j) {
                    if (values[i] < values[j]) {
                        ASSERT_LE(scores[i], scores[j]);
                    }
                }
            }
        }
    }
}

}  // namespace
}  // namespace moshtari::rfm
