// The `kmeans` segmenter through the real host: the plugin's library loaded by TestWorkspace, the
// customers' facts read from a real SQLite file, the result stored by the core.

#include "kmeans_segmenter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "moshtari/config_error.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/segment_store.hpp"
#include "synthetic_customers.hpp"

namespace moshtari::clustering::testing {
namespace {

// Big recent spenders, regulars, and lapsed one-time buyers: far apart on every feature.
const std::vector<Group> kThreeGroups = {{120, 5, 20, 5000}, {150, 40, 5, 400}, {90, 300, 1, 30}};

class KMeansSegmenterTest : public ::testing::Test {
  protected:
    void open(const std::string& yaml) {
        ws_ = std::make_unique<moshtari::testing::TestWorkspace>(
            std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR}, yaml,
            std::vector<std::string>{"segment-kmeans"});
    }
    Workspace& w() { return ws_->workspace(); }
    std::vector<CustomerId> members(const std::string& segment) {
        std::vector<CustomerId> ids;
        for (const auto& m : w().segments().members("kmeans", segment, 100'000))
            ids.push_back(m.customer_id);
        return ids;
    }
    Segmentation segment() { return w().segmenter("kmeans")->segment(w(), kAsOf); }

    std::unique_ptr<moshtari::testing::TestWorkspace> ws_;
};

TEST_F(KMeansSegmenterTest, RecoversThreeGroupsNamedBySpendWithCentroidsInEuros) {
    open("segment-kmeans:\n  k: 3\n");
    const auto groups = add_groups(w(), kThreeGroups, 0.2, 1);
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    EXPECT_EQ(run.customers, 360);
    ASSERT_EQ(run.segments.size(), 3u);
    // Named by the centroid's spend, highest first: the big spenders are cluster-1.
    for (std::size_t g = 0; g < 3; ++g) {
        EXPECT_EQ(run.segments[g].name, "cluster-" + std::to_string(g + 1));
        EXPECT_EQ(members(run.segments[g].name), groups[g]);
    }
    // The centroid in the features' own units: days, orders, euros (log1p undone).
    const auto& centroid = run.segments[0].description.at("centroid");
    EXPECT_NEAR(centroid.at("monetary").get<double>(), 5000, 500);
    EXPECT_NEAR(centroid.at("frequency").get<double>(), 20, 2);
    EXPECT_NEAR(centroid.at("recency_days").get<double>(), 5, 1);
    EXPECT_NEAR(run.segments[2].description.at("centroid").at("monetary").get<double>(), 30, 3);
    EXPECT_EQ(run.parameters.at("k"), 3);
    EXPECT_EQ(run.parameters.at("seed"), 1);
    EXPECT_EQ(run.parameters.at("currency"), "EUR");
    EXPECT_EQ(run.parameters.at("converged"), true);
    EXPECT_EQ(run.parameters.at("features").size(), 3u);
    // The score is the distance to the centroid in the clustering space: small in tight groups.
    for (const auto& m : w().segments().members("kmeans", "cluster-2", 1000)) {
        ASSERT_TRUE(m.score.has_value());
        EXPECT_GE(*m.score, 0.0);
        EXPECT_LT(*m.score, 1.0);
    }
}

TEST_F(KMeansSegmenterTest, WorksWithoutAConfigurationSection) {
    open("");
    add_groups(w(), kThreeGroups, 0.2, 1);
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    EXPECT_EQ(run.segments.size(), 5u);
    EXPECT_EQ(run.customers, 360);
    std::int64_t total = 0;
    for (const auto& s : run.segments) total += s.size;
    EXPECT_EQ(total, 360);
}

TEST_F(KMeansSegmenterTest, TheSameDataAndSeedGiveTheSameSegmentation) {
    const std::string yaml = "segment-kmeans:\n  k: 4\n  seed: 8\n";
    open(yaml);
    add_groups(w(), kThreeGroups, 0.4, 5);
    const Segmentation first = segment();
    const Segmentation again = segment();
    EXPECT_EQ(first.parameters, again.parameters);
    EXPECT_EQ(first.segment_of, again.segment_of);
    EXPECT_EQ(first.scores, again.scores);
    // Another workspace with the same data: the same again.
    auto other = std::make_unique<moshtari::testing::TestWorkspace>(
        std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR}, yaml,
        std::vector<std::string>{"segment-kmeans"});
    add_groups(other->workspace(), kThreeGroups, 0.4, 5);
    const Segmentation elsewhere =
        other->workspace().segmenter("kmeans")->segment(other->workspace(), kAsOf);
    EXPECT_EQ(first.segment_of, elsewhere.segment_of);
    EXPECT_EQ(first.scores, elsewhere.scores);
    // Storing the same result twice moves nobody.
    w().run_segmenter("kmeans", kAsOf);
    EXPECT_EQ(w().run_segmenter("kmeans", kAsOf).changed, 0);
}

TEST_F(KMeansSegmenterTest, TheSilhouetteChoosesTheNumberOfGroups) {
    open("segment-kmeans:\n  k_range: {min: 2, max: 6}\n  silhouette_sample: 200\n");
    const auto groups = add_groups(w(), kThreeGroups, 0.2, 2);
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    EXPECT_EQ(run.parameters.at("k"), 3);
    const auto& tried = run.parameters.at("silhouettes");
    ASSERT_EQ(tried.size(), 5u);
    for (const auto& entry : tried) {
        if (entry.at("k") != 3) {
            EXPECT_LT(entry.at("silhouette").get<double>(),
                      tried[1].at("silhouette").get<double>());
        }
    }
    EXPECT_EQ(members("cluster-1"), groups[0]);
}

TEST_F(KMeansSegmenterTest, CustomersWithoutOrdersAreLeftOutOrPutInTheirOwnSegment) {
    open("segment-kmeans:\n  k: 3\n");
    add_groups(w(), kThreeGroups, 0.2, 1);
    const CustomerId idle = add_customer_without_orders(w());
    EXPECT_EQ(w().run_segmenter("kmeans", kAsOf).customers, 360);
    EXPECT_TRUE(w().segments().segments_of(idle).empty());

    open("segment-kmeans:\n  k: 3\n  unclustered_segment: no-orders\n");
    add_groups(w(), kThreeGroups, 0.2, 1);
    const CustomerId first_idle = add_customer_without_orders(w());
    const CustomerId second_idle = add_customer_without_orders(w());
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    EXPECT_EQ(run.customers, 362);
    ASSERT_EQ(run.segments.size(), 4u);
    EXPECT_EQ(run.segments[3].name, "no-orders");
    EXPECT_EQ(run.segments[3].size, 2);
    EXPECT_EQ(run.segments[3].description.at("rule"), "no order by the as-of date");
    EXPECT_EQ(members("no-orders"), (std::vector<CustomerId>{first_idle, second_idle}));
    EXPECT_FALSE(w().segments().segments_of(first_idle).at(0).score.has_value());
}

TEST_F(KMeansSegmenterTest, AnAttributeFeatureLeavesOutCustomersWithoutIt) {
    open(R"yaml(segment-kmeans:
  features: [{name: attribute:score}, {name: monetary, transform: log1p}]
  k: 2
  unclustered_segment: unscored
)yaml");
    const auto groups = add_groups(
        w(), {{50, 10, 2, 100, 10.0}, {50, 10, 2, 100, 90.0}, {5, 10, 2, 100, std::nullopt}}, 0.1,
        3);
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    EXPECT_EQ(run.parameters.at("order_by"), "monetary");
    ASSERT_EQ(run.segments.size(), 3u);
    EXPECT_EQ(run.segments[2].description.at("rule"),
              "no order by the as-of date, or no attribute:score");
    EXPECT_EQ(members("unscored"), groups[2]);
    // Same spend: the groups differ by score alone, and both are recovered.
    const auto first = members("cluster-1"), second = members("cluster-2");
    EXPECT_TRUE((first == groups[0] && second == groups[1]) ||
                (first == groups[1] && second == groups[0]));
}

TEST_F(KMeansSegmenterTest, InteractionFeaturesCountUpToTheAsOfDate) {
    open(R"yaml(segment-kmeans:
  features: [{name: interactions:call}, {name: complaints}]
  k: 2
)yaml");
    const auto groups = add_groups(w(), {{20, 10, 2, 100}, {20, 10, 2, 100}}, 0.1, 3);
    const auto log = [&](CustomerId id, const char* kind, Timestamp at) {
        Interaction i;
        i.customer_id = id;
        i.channel = "phone";
        i.kind = kind;
        i.at = at;
        w().interactions().log(i);
    };
    for (const CustomerId id : groups[0]) {
        for (int call = 0; call < 6; ++call) log(id, "call", kAsOf - std::chrono::days(call + 1));
    }
    for (const CustomerId id : groups[1]) {
        log(id, "complaint", kAsOf - std::chrono::days(3));
        log(id, "complaint", kAsOf - std::chrono::days(2));
        log(id, "call", kAsOf + std::chrono::days(1));  // after the as-of date: not counted
    }
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    // Without monetary among the features, the clusters are numbered by the first one, calls.
    EXPECT_EQ(run.parameters.at("order_by"), "interactions:call");
    EXPECT_EQ(members("cluster-1"), groups[0]);
    EXPECT_EQ(members("cluster-2"), groups[1]);
    const auto& callers = run.segments[0].description.at("centroid");
    EXPECT_NEAR(callers.at("interactions:call").get<double>(), 6, 1e-9);
    EXPECT_NEAR(callers.at("complaints").get<double>(), 0, 1e-9);
    const auto& complainers = run.segments[1].description.at("centroid");
    EXPECT_NEAR(complainers.at("interactions:call").get<double>(), 0, 1e-9);
    EXPECT_NEAR(complainers.at("complaints").get<double>(), 2, 1e-9);
}

TEST_F(KMeansSegmenterTest, ResultsSurviveAReopen) {
    open("segment-kmeans:\n  k: 3\n");
    const auto groups = add_groups(w(), kThreeGroups, 0.2, 1);
    const SegmentRun run = w().run_segmenter("kmeans", kAsOf);
    ws_->reopen();
    const auto runs = w().segments().runs("kmeans", 5);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].id, run.id);
    EXPECT_EQ(runs[0].parameters, run.parameters);
    EXPECT_EQ(runs[0].segments.at(0).description, run.segments.at(0).description);
    EXPECT_EQ(members("cluster-3"), groups[2]);
}

TEST_F(KMeansSegmenterTest, TooFewCustomersForKIsTheUsersError) {
    open("segment-kmeans:\n  k: 3\n");
    add_groups(w(), {{2, 5, 1, 10}}, 0.1, 1);
    try {
        w().run_segmenter("kmeans", kAsOf);
        FAIL() << "expected a UserError";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("needs at least 3 customers to cluster, and there "
                                             "are 2"),
                  std::string::npos)
            << e.what();
    }
}

TEST_F(KMeansSegmenterTest, ABadSectionStopsTheWorkspaceFromOpening) {
    try {
        open("segment-kmeans:\n  k: many\n");
        FAIL() << "expected a ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("segment-kmeans.k: expected a whole number, got "
                                             "'many'"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("moshtari.yaml:8:6"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace moshtari::clustering::testing
