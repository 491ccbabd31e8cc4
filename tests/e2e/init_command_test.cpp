#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

using InitCommand = CliTest;

TEST_F(InitCommand, TheCommentedOutboxDefaultsAreValidOnceUncommented) {
    init();
    std::istringstream in(read_file(dir_ / "moshtari.yaml"));
    std::string text;
    bool in_outbox = false;
    for (std::string line; std::getline(in, line);) {
        in_outbox = line == "# outbox:" || (in_outbox && line.starts_with("#  "));
        text += (in_outbox ? line.substr(2) : line) + '\n';
    }
    ASSERT_NE(text.find("\noutbox:\n  max_attempts: 5"), std::string::npos) << text;
    write_config(text);
    const auto result = run({"outbox", "counts"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(InitCommand, TheCommentedLoyaltyProgrammeRunsOnceUncommented) {
    init();
    std::istringstream in(read_file(dir_ / "moshtari.yaml"));
    std::string text;
    bool in_loyalty = false;
    for (std::string line; std::getline(in, line);) {
        in_loyalty = line == "# loyalty-points:" || (in_loyalty && line.starts_with("#  "));
        text += (in_loyalty ? line.substr(2) : line) + '\n';
    }
    ASSERT_NE(text.find("\nloyalty-points:\n  programmes:"), std::string::npos) << text;
    write_config(text);
    ok({"customers", "add", "--name", "Ada Lovelace"});
    ok({"orders", "add", "--customer", "1", "--total", "12.50"});
    ok({"run", "--once"});
    EXPECT_EQ(json({"loyalty", "balance", "--customer", "1"})["points"], 12 + 50);
}

TEST_F(InitCommand, WritesACommentedConfigurationThatLoads) {
    const auto result = run({"init"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto text = read_file(dir_ / "moshtari.yaml");
    EXPECT_NE(text.find("# "), std::string::npos);
    EXPECT_NE(text.find("currency: EUR"), std::string::npos);
    const auto paths = YAML::LoadFile((dir_ / "moshtari.yaml").string())["plugins"]["paths"];
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_TRUE(std::filesystem::equivalent(paths[0].as<std::string>(), MOSHTARI_PLUGIN_DIR))
        << "plugins.paths names the bundled plugin folder";
    EXPECT_NE(text.find("#   lapsed_days: 180"), std::string::npos);

    // Loading it must succeed: the sample pipeline is read in full.
    const auto stages = json({"pipelines", "list"});
    ASSERT_EQ(stages.size(), 6u);
    EXPECT_EQ(stages[0]["stage"], "lead");
    EXPECT_EQ(stages[0]["sla_days"], 7);
    EXPECT_EQ(stages[4]["outcome"], "won");
    EXPECT_EQ(stages[5]["outcome"], "lost");
    // ...and the bundled plugins it enables run.
    const auto lifecycle = row_where(json({"plugins", "list"}), "id", "segment-lifecycle");
    ASSERT_FALSE(lifecycle.is_null());
    EXPECT_EQ(lifecycle["state"], "running");
}

TEST_F(InitCommand, RefusesToOverwriteAnExistingFile) {
    init();
    write_config("workspace: {currency: USD}\n");
    const auto result = run({"init"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("moshtari: error: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("already exists"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(dir_ / "moshtari.yaml"), "workspace: {currency: USD}\n");
}

TEST_F(InitCommand, CreatesTheFolderItIsGiven) {
    ok({"init", "shop/crm"});
    EXPECT_TRUE(std::filesystem::is_regular_file(dir_ / "shop/crm/moshtari.yaml"));
    const auto result = run({"--config", "shop/crm/moshtari.yaml", "customers", "list"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "(none)\n");
}

}  // namespace
}  // namespace moshtari::e2e
