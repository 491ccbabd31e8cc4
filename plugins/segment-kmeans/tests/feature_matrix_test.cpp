// The feature matrix from customer facts built by hand: which customers are clustered, every
// feature's raw value and unit, the transforms, standardising, and the way back to own units.

#include "feature_matrix.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace moshtari::clustering {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four customers in euros: #1 and #3 have ordered, #2 has not, #4 has ordered but lacks `age`.
CustomerFeatures facts() {
    CustomerFeatures c;
    c.currency = "EUR";
    c.ids = {1, 2, 3, 4};
    c.recency_days = {10, kNaN, 30, 5};
    c.tenure_days = {100, 50, 300, 20};
    c.orders = {2, 0, 4, 1};
    c.spend_minor = {10'000, 0, -2'000, 500};
    c.complaints = {1, 0, 3, 0};
    c.interactions_by_kind = {{"call", {5, 1, 7, 0}}};
    c.attributes = {{"age", {40, 20, 60, kNaN}}};
    return c;
}

std::vector<FeatureSpec> plain(std::vector<std::string> names) {
    std::vector<FeatureSpec> specs;
    for (auto& name : names) specs.push_back({std::move(name), Transform::none, false});
    return specs;
}

TEST(FeatureMatrix, ClustersCustomersWithOrdersAndEveryAttributeInTheirOwnUnits) {
    const auto m = build_feature_matrix(
        facts(), plain({"recency_days", "tenure_days", "frequency", "monetary", "average_spend",
                        "complaints", "interactions:call", "interactions:visit"}));
    EXPECT_EQ(m.rows, (std::vector<std::size_t>{0, 2, 3}));
    ASSERT_EQ(m.data.n_rows, 8u);
    ASSERT_EQ(m.data.n_cols, 3u);
    // Customer #3: money in euros (net of refunds, so negative here), a kind nobody had is 0.
    const arma::vec third = m.data.col(1);
    const arma::vec expected = {30, 300, 4, -20, -5, 3, 7, 0};
    EXPECT_TRUE(arma::approx_equal(third, expected, "absdiff", 1e-12)) << third;
    // Without an attribute feature, #4 counts; with one, #4 (no age) does not.
    const auto with_age = build_feature_matrix(facts(), plain({"frequency", "attribute:age"}));
    EXPECT_EQ(with_age.rows, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(with_age.data(1, 1), 60);
}

TEST(FeatureMatrix, TransformsStandardisesAndMapsBack) {
    std::vector<FeatureSpec> specs = {{"monetary", Transform::log1p, true},
                                      {"frequency", Transform::none, true},
                                      {"tenure_days", Transform::log1p, false}};
    const auto m = build_feature_matrix(facts(), specs);
    // Standardised features have mean 0 and population deviation 1 over the clustered customers.
    for (std::size_t f = 0; f < 2; ++f) {
        EXPECT_NEAR(arma::mean(m.data.row(f)), 0.0, 1e-12);
        EXPECT_NEAR(arma::stddev(m.data.row(f), 1), 1.0, 1e-12);
    }
    EXPECT_EQ(m.centre[2], 0.0);
    EXPECT_EQ(m.scale[2], 1.0);
    EXPECT_NEAR(m.data(2, 0), std::log1p(100.0), 1e-12);
    // Every customer's point maps back to their own values, a negative spend included.
    for (std::size_t j = 0; j < m.rows.size(); ++j) {
        const auto original = m.original_point(m.data.col(j));
        const auto& c = facts();
        EXPECT_NEAR(original["monetary"].get<double>(), c.spend_minor[m.rows[j]] / 100.0, 1e-9);
        EXPECT_NEAR(original["frequency"].get<double>(), c.orders[m.rows[j]], 1e-9);
        EXPECT_NEAR(original["tenure_days"].get<double>(), c.tenure_days[m.rows[j]], 1e-9);
    }
    EXPECT_EQ(m.describe()[0]["transform"], "log1p");
    EXPECT_EQ(m.describe()[2]["standardise"], false);
}

TEST(FeatureMatrix, AConstantFeatureIsOnlyCentred) {
    CustomerFeatures c = facts();
    c.orders = {3, 0, 3, 3};
    const auto m = build_feature_matrix(c, {{"frequency", Transform::none, true}});
    EXPECT_EQ(m.scale[0], 1.0);
    EXPECT_EQ(m.centre[0], 3.0);
    EXPECT_TRUE(arma::all(m.data.row(0) == 0.0));
}

TEST(FeatureTransform, Log1pKeepsTheSignAndIsUndone) {
    for (double x : {0.0, 0.5, 10.0, 1e6, -3.0}) {
        EXPECT_NEAR(undo(Transform::log1p, apply(Transform::log1p, x)), x,
                    1e-9 * (1 + std::abs(x)));
    }
    EXPECT_DOUBLE_EQ(apply(Transform::log1p, 9.0), std::log(10.0));
    EXPECT_DOUBLE_EQ(apply(Transform::log1p, -9.0), -std::log(10.0));
    EXPECT_EQ(apply(Transform::none, -9.0), -9.0);
}

TEST(FeatureRequest, AsksForInteractionsAndAttributesOnlyWhenAFeatureNeedsThem) {
    const Timestamp as_of = from_unix(1'700'000'000);
    const auto rfm = feature_request(default_features(), as_of);
    EXPECT_FALSE(rfm.interactions);
    EXPECT_TRUE(rfm.attributes.empty());
    EXPECT_EQ(rfm.as_of, as_of);
    const auto more =
        feature_request(plain({"complaints", "attribute:age", "attribute:income"}), as_of);
    EXPECT_TRUE(more.interactions);
    EXPECT_EQ(more.attributes, (std::vector<std::string>{"age", "income"}));
    EXPECT_TRUE(feature_request(plain({"interactions:call"}), as_of).interactions);
}

}  // namespace
}  // namespace moshtari::clustering
