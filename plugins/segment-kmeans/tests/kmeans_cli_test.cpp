// `moshtari segment run kmeans` and `segment members` through the real executable.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_process.hpp"
#include "moshtari/sdk/testing.hpp"
#include "synthetic_customers.hpp"

namespace moshtari::clustering::testing {
namespace {

TEST(KMeansCli, RunsAndListsMembersThroughTheExecutable) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, "segment-kmeans:\n  k: 3\n",
                                        {"segment-kmeans"});
    const auto groups =
        add_groups(ws.workspace(), {{30, 5, 20, 5000}, {40, 40, 5, 400}, {20, 300, 1, 30}}, 0.2, 1);
    const std::string config = ws.config_file().string();

    const auto run = e2e::run_cli(ws.dir(), {"--config", config, "segment", "run", "kmeans",
                                             "--as-of", "2026-01-01", "--json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json.at("method"), "kmeans");
    EXPECT_EQ(json.at("customers"), 90);
    const auto parameters = nlohmann::json::parse(json.at("parameters").get<std::string>());
    EXPECT_EQ(parameters.at("k"), 3);
    const auto& segments = json.at("segments");
    ASSERT_EQ(segments.size(), 3u);
    EXPECT_EQ(segments[0].at("segment"), "cluster-1");
    EXPECT_EQ(segments[0].at("customers"), 30);
    const auto centroid =
        nlohmann::json::parse(segments[0].at("description").get<std::string>()).at("centroid");
    EXPECT_NEAR(centroid.at("monetary").get<double>(), 5000, 500);

    const auto members =
        e2e::run_cli(ws.dir(), {"--config", config, "segment", "members", "cluster-3", "--method",
                                "kmeans", "--limit", "100", "--json"});
    ASSERT_EQ(members.exit_code, 0) << members.err;
    std::vector<CustomerId> listed;
    for (const auto& row : nlohmann::json::parse(members.out)) {
        EXPECT_EQ(row.at("segment"), "cluster-3");
        EXPECT_TRUE(row.at("score").is_number());
        listed.push_back(row.at("customer").get<CustomerId>());
    }
    EXPECT_EQ(listed, groups[2]);

    const auto refused = e2e::run_cli(
        ws.dir(), {"--config", config, "segment", "run", "kmean", "--as-of", "2026-01-01"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("there is no segmenter 'kmean'"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace moshtari::clustering::testing
