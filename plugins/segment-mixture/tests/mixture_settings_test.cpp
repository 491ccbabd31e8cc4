// The segment-mixture section: defaults, its own keys, and errors at their line and column. The
// keys it shares with segment-kmeans are tested there.

#include "mixture_settings.hpp"

#include "section_test.hpp"

namespace moshtari::mixture {
namespace {

class MixtureSettingsTest : public clustering::testing::SectionTest<MixtureSettings> {
  protected:
    MixtureSettingsTest() : SectionTest("segment-mixture") {}
};

TEST_F(MixtureSettingsTest, WithoutASectionBicChoosesOneToSixDiagonalClasses) {
    const MixtureSettings s = read("other: {}\n");
    EXPECT_EQ(s.classes.min, 1u);
    EXPECT_EQ(s.classes.max, 6u);
    EXPECT_EQ(s.covariance, Covariance::diagonal);
    EXPECT_EQ(s.clustering.max_iterations, 100);
    EXPECT_DOUBLE_EQ(s.clustering.tolerance, 1e-3);
    EXPECT_EQ(s.clustering.features.size(), 3u);
}

TEST_F(MixtureSettingsTest, ReadsItsOwnKeys) {
    const MixtureSettings s = read(
        "segment-mixture:\n  classes: 4\n  covariance: full\n  seed: 3\n  unclustered_segment: "
        "cluster-1\n");
    EXPECT_EQ(s.classes.min, 4u);
    EXPECT_EQ(s.classes.max, 4u);
    EXPECT_EQ(s.covariance, Covariance::full);
    EXPECT_EQ(s.clustering.seed, 3u);
    // Only the mixture's own names are reserved.
    EXPECT_EQ(s.clustering.unclustered_segment, "cluster-1");
    EXPECT_EQ(read("segment-mixture:\n  classes_range: {min: 2, max: 3}\n").classes.max, 3u);
}

TEST_F(MixtureSettingsTest, ErrorsNameTheLineColumnAndWhatIsExpected) {
    EXPECT_EQ(error("segment-mixture:\n  covariance: spherical\n"),
              at(2, 15) + "segment-mixture.covariance: expected diagonal or full, got 'spherical'");
    EXPECT_EQ(error("segment-mixture:\n  classes: 0\n"),
              at(2, 12) + "segment-mixture.classes: must be at least 1, got 0");
    EXPECT_EQ(error("segment-mixture:\n  classes_range: {min: 3}\n"),
              at(2, 18) + "segment-mixture.classes_range: missing required key 'max'");
    EXPECT_EQ(error("segment-mixture:\n  unclustered_segment: class-1\n"),
              at(2, 24) +
                  "segment-mixture.unclustered_segment: 'class-1' is one of the clusters' names; "
                  "choose another name");
    EXPECT_EQ(error("segment-mixture:\n  k: 3\n"),
              at(2, 3) +
                  "unknown key 'k' in segment-mixture; expected one of: features, order_by, "
                  "seed, max_iterations, tolerance, unclustered_segment, classes, "
                  "classes_range, covariance");
}

}  // namespace
}  // namespace moshtari::mixture
