// The segment-kmeans section: defaults, every key read, and errors at their line and column.

#include "kmeans_settings.hpp"

#include "section_test.hpp"

namespace moshtari::kmeans {
namespace {

class KMeansSettingsTest : public clustering::testing::SectionTest<KMeansSettings> {
  protected:
    KMeansSettingsTest() : SectionTest("segment-kmeans") {}
};

TEST_F(KMeansSettingsTest, WithoutASectionClustersRecencyFrequencyAndSpendInFiveClusters) {
    const KMeansSettings s = read("other: {}\n");
    ASSERT_EQ(s.clustering.features.size(), 3u);
    EXPECT_EQ(s.clustering.features[0].name, "recency_days");
    EXPECT_EQ(s.clustering.features[2].name, "monetary");
    for (const auto& f : s.clustering.features) {
        EXPECT_EQ(f.transform, clustering::Transform::log1p);
        EXPECT_TRUE(f.standardise);
    }
    EXPECT_EQ(s.k.min, 5u);
    EXPECT_EQ(s.k.max, 5u);
    EXPECT_EQ(s.clustering.order_by, "monetary");
    EXPECT_EQ(s.clustering.seed, 1u);
    EXPECT_EQ(s.silhouette_sample, 10'000u);
    EXPECT_TRUE(s.clustering.unclustered_segment.empty());
}

TEST_F(KMeansSettingsTest, ReadsEveryKey) {
    const KMeansSettings s = read(R"yaml(segment-kmeans:
  features:
    - {name: frequency, transform: log1p}
    - {name: attribute:age, standardise: false}
    - {name: interactions:call}
  order_by: interactions:call
  k_range: {min: 2, max: 6}
  seed: 99
  max_iterations: 40
  tolerance: 0.001
  silhouette_sample: 500
  unclustered_segment: no-orders
)yaml");
    ASSERT_EQ(s.clustering.features.size(), 3u);
    EXPECT_EQ(s.clustering.features[1].name, "attribute:age");
    EXPECT_EQ(s.clustering.features[1].transform, clustering::Transform::none);
    EXPECT_FALSE(s.clustering.features[1].standardise);
    EXPECT_EQ(s.clustering.order_by, "interactions:call");
    EXPECT_EQ(s.k.min, 2u);
    EXPECT_EQ(s.k.max, 6u);
    EXPECT_EQ(s.clustering.seed, 99u);
    EXPECT_EQ(s.clustering.max_iterations, 40);
    EXPECT_DOUBLE_EQ(s.clustering.tolerance, 0.001);
    EXPECT_EQ(s.silhouette_sample, 500u);
    EXPECT_EQ(s.clustering.unclustered_segment, "no-orders");
}

TEST_F(KMeansSettingsTest, OrdersByTheFirstFeatureWithoutMonetary) {
    const KMeansSettings s = read("segment-kmeans:\n  features: [{name: tenure_days}]\n");
    EXPECT_EQ(s.clustering.order_by, "tenure_days");
}

TEST_F(KMeansSettingsTest, ErrorsNameTheLineColumnAndWhatIsExpected) {
    EXPECT_EQ(error("segment-kmeans:\n  k: 1\n"),
              at(2, 6) + "segment-kmeans.k: must be at least 2, got 1");
    EXPECT_EQ(error("segment-kmeans:\n  k: 3\n  k_range: {min: 2, max: 4}\n"),
              at(3, 12) + "segment-kmeans.k_range: set either k or k_range, not both");
    EXPECT_EQ(error("segment-kmeans:\n  k_range: {min: 4, max: 3}\n"),
              at(2, 26) + "segment-kmeans.k_range.max: must be at least min (4), got 3");
    EXPECT_EQ(error("segment-kmeans:\n  features:\n    - {name: spend}\n"),
              at(3, 14) +
                  "segment-kmeans.features[0].name: unknown feature 'spend'; expected one of "
                  "recency_days, frequency, monetary, average_spend, tenure_days, complaints, "
                  "interactions:<kind> or attribute:<name>");
    EXPECT_EQ(
        error("segment-kmeans:\n  features:\n    - {name: frequency, transform: log}\n"),
        at(3, 36) + "segment-kmeans.features[0].transform: expected none or log1p, got 'log'");
    EXPECT_EQ(error("segment-kmeans:\n  features: [{name: frequency}, {name: frequency}]\n"),
              at(2, 40) + "segment-kmeans.features[1].name: 'frequency' is listed twice");
    EXPECT_EQ(error("segment-kmeans:\n  features: []\n"),
              at(2, 13) + "segment-kmeans.features: list at least one feature");
    EXPECT_EQ(error("segment-kmeans:\n  order_by: complaints\n"),
              at(2, 13) +
                  "segment-kmeans.order_by: 'complaints' is not one of the features; name one of "
                  "them");
    EXPECT_EQ(error("segment-kmeans:\n  seed: -1\n"),
              at(2, 9) + "segment-kmeans.seed: must be 0 or more, got -1");
    EXPECT_EQ(error("segment-kmeans:\n  max_iterations: 0\n"),
              at(2, 19) + "segment-kmeans.max_iterations: must be at least 1, got 0");
    EXPECT_EQ(error("segment-kmeans:\n  tolerance: -0.5\n"),
              at(2, 14) + "segment-kmeans.tolerance: must be 0 or more, got -0.5");
    EXPECT_EQ(error("segment-kmeans:\n  silhouette_sample: 5\n"),
              at(2, 22) + "segment-kmeans.silhouette_sample: must be at least 10, got 5");
    EXPECT_EQ(error("segment-kmeans:\n  unclustered_segment: cluster-2\n"),
              at(2, 24) +
                  "segment-kmeans.unclustered_segment: 'cluster-2' is one of the clusters' names; "
                  "choose another name");
    EXPECT_EQ(error("segment-kmeans:\n  k_rang: {min: 2, max: 3}\n"),
              at(2, 3) + "unknown key 'k_rang' in segment-kmeans; did you mean 'k_range'?");
}

}  // namespace
}  // namespace moshtari::kmeans
