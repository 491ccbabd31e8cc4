#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

using DemoCommand = CliTest;

TEST_F(DemoCommand, KeepsItsWorkspaceWhenAskedAndItOpensAsAnyOther) {
    const auto demo = run({"demo", "--keep", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_NE(demo.out.find("segment-lifecycle"), std::string::npos) << demo.out;
    ASSERT_TRUE(std::filesystem::is_regular_file(dir_ / "demo/moshtari.yaml"));
    EXPECT_GT(json({"--config", "demo/moshtari.yaml", "customers", "list"}).size(), 0u);
}

TEST_F(DemoCommand, RemovesItsWorkspaceByDefault) {
    const auto demo = run({"demo", "--dir", "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "demo/moshtari.yaml"));
}

}  // namespace
}  // namespace moshtari::e2e
