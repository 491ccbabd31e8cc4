// The `mixture` segmenter through the real host and the real `moshtari` executable.

#include "mixture_segmenter.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli_process.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/segment_store.hpp"
#include "synthetic_customers.hpp"

namespace moshtari::clustering::testing {
namespace {

const std::vector<Group> kThreeGroups = {{120, 5, 20, 5000}, {150, 40, 5, 400}, {90, 300, 1, 30}};

class MixtureSegmenterTest : public ::testing::Test {
  protected:
    void open(const std::string& yaml) {
        ws_ = std::make_unique<moshtari::testing::TestWorkspace>(
            std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR}, yaml,
            std::vector<std::string>{"segment-mixture"});
    }
    Workspace& w() { return ws_->workspace(); }
    std::vector<SegmentMember> members(const std::string& segment) {
        return w().segments().members("mixture", segment, 100'000);
    }
    static std::vector<CustomerId> ids(const std::vector<SegmentMember>& members) {
        std::vector<CustomerId> result;
        for (const auto& m : members) result.push_back(m.customer_id);
        return result;
    }

    std::unique_ptr<moshtari::testing::TestWorkspace> ws_;
};

TEST_F(MixtureSegmenterTest, RecoversThreeClassesWithMembershipProbabilities) {
    open("segment-mixture:\n  classes: 3\n");
    const auto groups = add_groups(w(), kThreeGroups, 0.2, 1);
    const SegmentRun run = w().run_segmenter("mixture", kAsOf);
    EXPECT_EQ(run.customers, 360);
    ASSERT_EQ(run.segments.size(), 3u);
    for (std::size_t g = 0; g < 3; ++g) {
        EXPECT_EQ(run.segments[g].name, "class-" + std::to_string(g + 1));
        EXPECT_EQ(ids(members(run.segments[g].name)), groups[g]);
    }
    // Weight, means and variances in the features' own units.
    const auto& top = run.segments[0].description;
    EXPECT_NEAR(top.at("weight").get<double>(), 120.0 / 360, 1e-6);
    EXPECT_NEAR(top.at("mean").at("monetary").get<double>(), 5000, 500);
    EXPECT_NEAR(top.at("mean").at("frequency").get<double>(), 20, 2);
    EXPECT_GT(top.at("variance").at("monetary").get<double>(), 0.0);
    EXPECT_EQ(run.parameters.at("classes"), 3);
    EXPECT_EQ(run.parameters.at("covariance"), "diagonal");

    // Every member's detail holds the probability of each class, class-1 first; the score is the
    // largest.
    for (const auto& m : members("class-2")) {
        const auto detail = nlohmann::json::parse(m.detail);
        ASSERT_TRUE(detail.is_array());
        ASSERT_EQ(detail.size(), 3u);
        const double p1 = detail.at(0), p2 = detail.at(1), p3 = detail.at(2);
        EXPECT_NEAR(p1 + p2 + p3, 1.0, 2e-4);
        ASSERT_TRUE(m.score.has_value());
        EXPECT_NEAR(*m.score, p2, 1e-4);
        EXPECT_GT(p2, 0.99);
    }
}

TEST_F(MixtureSegmenterTest, BicChoosesTheNumberOfClassesFromOneToSixByDefault) {
    // Continuous features only: a count of orders takes few values, and a class on one value has
    // no variance to speak of, which BIC rewards.
    open(R"yaml(segment-mixture:
  features:
    - {name: recency_days, transform: log1p}
    - {name: monetary, transform: log1p}
)yaml");
    const auto groups = add_groups(w(), kThreeGroups, 0.2, 4);
    const SegmentRun run = w().run_segmenter("mixture", kAsOf);
    EXPECT_EQ(run.parameters.at("classes"), 3);
    const auto& tried = run.parameters.at("tried");
    ASSERT_EQ(tried.size(), 6u);
    for (const auto& entry : tried) {
        if (entry.at("classes") != 3) {
            EXPECT_GT(entry.at("bic").get<double>(), tried[2].at("bic").get<double>());
        }
    }
    EXPECT_EQ(ids(members("class-1")), groups[0]);
}

TEST_F(MixtureSegmenterTest, FullCovarianceAndTheSameSeedGiveTheSameResult) {
    open("segment-mixture:\n  classes: 3\n  covariance: full\n  seed: 12\n");
    add_groups(w(), kThreeGroups, 0.3, 6);
    const auto segmenter = w().segmenter("mixture");
    const Segmentation first = segmenter->segment(w(), kAsOf);
    const Segmentation again = segmenter->segment(w(), kAsOf);
    EXPECT_EQ(first.parameters, again.parameters);
    EXPECT_EQ(first.segment_of, again.segment_of);
    EXPECT_EQ(first.scores, again.scores);
    EXPECT_EQ(first.details, again.details);
    EXPECT_EQ(first.parameters.at("covariance"), "full");
}

TEST_F(MixtureSegmenterTest, ResultsSurviveAReopenAndTheUnclusteredHaveTheirSegment) {
    open("segment-mixture:\n  classes: 3\n  unclustered_segment: no-orders\n");
    const auto groups = add_groups(w(), kThreeGroups, 0.2, 1);
    const CustomerId idle = add_customer_without_orders(w());
    const SegmentRun run = w().run_segmenter("mixture", kAsOf);
    EXPECT_EQ(run.customers, 361);
    ws_->reopen();
    const auto runs = w().segments().runs("mixture", 5);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].parameters, run.parameters);
    EXPECT_EQ(ids(members("class-3")), groups[2]);
    const auto idle_segments = w().segments().segments_of(idle);
    ASSERT_EQ(idle_segments.size(), 1u);
    EXPECT_EQ(idle_segments[0].segment, "no-orders");
    EXPECT_TRUE(idle_segments[0].detail.empty());
}

TEST_F(MixtureSegmenterTest, RunsThroughTheExecutable) {
    open("segment-mixture:\n  classes: 3\n");
    add_groups(w(), {{30, 5, 20, 5000}, {40, 40, 5, 400}, {20, 300, 1, 30}}, 0.2, 1);
    const auto result =
        e2e::run_cli(ws_->dir(), {"--config", ws_->config_file().string(), "segment", "run",
                                  "mixture", "--as-of", "2026-01-01", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json.at("customers"), 90);
    ASSERT_EQ(json.at("segments").size(), 3u);
    EXPECT_EQ(json.at("segments")[2].at("segment"), "class-3");
    EXPECT_EQ(json.at("segments")[2].at("customers"), 20);
}

}  // namespace
}  // namespace moshtari::clustering::testing
