// How the command finds its moshtari.yaml and reports what is wrong with it.

#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

using Configuration = CliTest;

std::string config_with(const std::string& extra) {
    return std::string("workspace:\n  database: shop.db\nplugins:\n  paths: [\"") +
           MOSHTARI_PLUGIN_DIR + "\"]\n" + extra;
}

TEST_F(Configuration, AMisspeltKeyIsReportedWithItsPlaceAndTheKeyMeant) {
    write_config("workspace:\n  databse: shop.db\n");
    const auto result = run({"customers", "list"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("moshtari: error: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("moshtari.yaml:2:3"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("did you mean 'database'"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "shop.db"));
}

TEST_F(Configuration, APluginSectionIsCheckedByItsPlugin) {
    write_config(config_with("segment-lifecycle:\n  new_day: 10\n"));
    const auto result = run({"plugins", "list"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("moshtari.yaml:6:3"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("did you mean 'new_days'"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "shop.db"))
        << "nothing is written before the whole file is valid";
}

TEST_F(Configuration, CoreAndPluginProblemsAreReportedTogether) {
    write_config(
        std::string("workspace:\n  database: shop.db\n  currency: XYZ\nplugins:\n  paths: [\"") +
        MOSHTARI_PLUGIN_DIR + "\"]\nsegment-lifecycle:\n  new_day: 10\nsegmnet-rfm: {}\n");
    const auto result = run({"plugins", "list"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("moshtari.yaml:3:13"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("moshtari.yaml:7:3"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("moshtari.yaml:8:1"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "shop.db"));
}

TEST_F(Configuration, AMissingFileSaysHowToCreateOne) {
    const auto result = run({"customers", "list"});
    EXPECT_EQ(result.exit_code, 1);
    const auto expected = "no moshtari.yaml at " + (dir_ / "moshtari.yaml").string() +
                          "; run `moshtari init` or pass --config FILE";
    EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
}

TEST_F(Configuration, IsFoundThroughTheOptionOrTheEnvironment) {
    ok({"init", "deployment"});
    const auto file = (dir_ / "deployment/moshtari.yaml").string();
    EXPECT_EQ(ok({"--config", file, "customers", "add", "--name", "Ada"}), "1");
    EXPECT_EQ(ok({"customers", "add", "--name", "Bob", "--config=" + file}), "2")
        << "also after the command";
    const auto listed = run({"customers", "list", "--json"}, {{"MOSHTARI_CONFIG", file}});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_EQ(nlohmann::json::parse(listed.out).size(), 2u);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "deployment/moshtari.db"))
        << "the database is beside its file";
}

TEST_F(Configuration, LogsGoToStderrSoJsonStaysParseable) {
    write_config(config_with(""));
    const auto quiet = run({"plugins", "list", "--json"});
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_EQ(quiet.err, "");
    const auto verbose = run({"-vv", "plugins", "list", "--json"});
    ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
    EXPECT_NE(verbose.err.find("moshtari: debug: "), std::string::npos) << verbose.err;
    EXPECT_EQ(nlohmann::json::parse(verbose.out), nlohmann::json::parse(quiet.out));
}

}  // namespace
}  // namespace moshtari::e2e
