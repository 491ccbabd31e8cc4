// The bundled segment-lifecycle plugin through the command line: listed, started, fed by the
// worker, and answering its own `moshtari lifecycle` command.

#include <signal.h>

#include <chrono>

#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class PluginsCommand : public CliTest {
  protected:
    PluginsCommand() {
        write_config(std::string("workspace:\n  currency: EUR\nplugins:\n  paths: [\"") +
                     MOSHTARI_PLUGIN_DIR + "\"]\n");
    }

    // The lifecycle counts as phase -> customers.
    std::map<std::string, int> phases() const {
        std::map<std::string, int> counts;
        for (const auto& row : json({"lifecycle"})) counts[row["phase"]] = row["customers"];
        return counts;
    }
};

TEST_F(PluginsCommand, ListsTheLifecyclePluginAsRunning) {
    const auto plugins = json({"plugins", "list"});
    const auto lifecycle = row_where(plugins, "id", "segment-lifecycle");
    ASSERT_FALSE(lifecycle.is_null()) << plugins.dump();
    EXPECT_EQ(lifecycle["state"], "running");
    EXPECT_EQ(lifecycle["error"], "");
    EXPECT_NE(lifecycle["provides"].get<std::string>().find("command:lifecycle"),
              std::string::npos);

    const auto info = json({"plugins", "info", "segment-lifecycle"});
    EXPECT_EQ(info["state"], "running");
    EXPECT_EQ(info["abi"], "0.1");
    EXPECT_FALSE(info["toolchain"].get<std::string>().empty());
    EXPECT_EQ(std::filesystem::path(info["folder"].get<std::string>()).filename(),
              "segment-lifecycle");

    const auto unknown = run({"plugins", "info", "segment-rfm-nope"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("there is no plugin 'segment-rfm-nope'"), std::string::npos)
        << unknown.err;
}

TEST_F(PluginsCommand, TheWorkerFeedsTheLifecycleCommand) {
    ok({"customers", "add", "--name", "Ada Lovelace"});
    ok({"customers", "add", "--name", "Charles Babbage"});
    ok({"customers", "add", "--name", "Mary Somerville"});
    ok({"orders", "add", "--customer", "1", "--total", "10"});
    ok({"orders", "add", "--customer", "3", "--total", "10", "--at", "2020-01-01"});
    EXPECT_EQ(phases()["new"], 0) << "nothing is delivered before the worker runs";

    const auto pass = ok({"run", "--once"});
    EXPECT_NE(pass.find("delivered events "), std::string::npos) << pass;
    EXPECT_EQ(pass.find("delivered events 0 "), std::string::npos) << pass;

    const auto counts = phases();
    EXPECT_EQ(counts.at("new"), 1);
    EXPECT_EQ(counts.at("prospect"), 1);
    EXPECT_EQ(counts.at("lapsed"), 1);
    const auto lapsed = json({"lifecycle", "customers", "lapsed"});
    ASSERT_EQ(lapsed.size(), 1u);
    EXPECT_EQ(lapsed[0]["name"], "Mary Somerville");
    EXPECT_EQ(json({"customers", "list", "--stage", "new"}).at(0)["name"], "Ada Lovelace");

    EXPECT_EQ(ok({"run", "--once"}),
              "delivered events 0 times (once per subscriber)\n"
              "messages: 0 sent, 0 to retry, 0 dead, 0 skipped, 0 waiting out quiet hours")
        << "a second pass finds nothing new";
}

TEST_F(PluginsCommand, TheWorkerStopsCleanlyOnSigterm) {
    ok({"customers", "add", "--name", "Ada Lovelace"});
    CliProcess worker(dir_.path(), {"run", "--interval", "60"});
    ASSERT_TRUE(worker.wait_for_output("delivered", std::chrono::seconds{30}));
    worker.send_signal(SIGTERM);
    const auto result = worker.finish();
    EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace moshtari::e2e
