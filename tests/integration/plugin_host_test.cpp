// The real PluginHost against the real fixture libraries in tests/fixtures/plugins: every refusal
// names the plugin and why, and the plugins that can run still do, in dependency order.

#include "moshtari/plugin_host.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "moshtari/config.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/dispatcher.hpp"
#include "moshtari/plugin_context.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/toolchain.hpp"

namespace moshtari {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = MOSHTARI_FIXTURE_PLUGIN_DIR;

// The workspace's context does far more; these tests only need what the fixtures use: commands and
// a durable subscriber to register handlers on (nothing dispatches to it here).
class RecordingContext final : public PluginContext {
  public:
    RecordingContext(const PluginInfo& plugin, std::vector<Command>& commands)
        : id_(plugin.manifest.id),
          dir_(plugin.manifest.dir),
          commands_(commands),
          durable_(id_, id_) {}

    const std::string& plugin_id() const override { return id_; }
    const fs::path& plugin_dir() const override { return dir_; }
    Workspace& workspace() override {
        throw std::logic_error("the plugin host tests have no workspace");
    }
    void add_migrations(const std::vector<Migration>&) override {
        throw std::logic_error("the plugin host tests have no database");
    }
    DurableSubscriber& durable_subscriber() override { return durable_; }
    Subscription subscribe(std::string_view, EventBus::Slot) override {
        throw std::logic_error("the plugin host tests have no event bus");
    }
    void add_command(Command command) override { commands_.push_back(std::move(command)); }
    void add_personal_data_handler(PersonalDataHandler) override {
        throw std::logic_error("the plugin host tests have no personal data");
    }
    void add_channel(std::shared_ptr<Channel>) override {
        throw std::logic_error("the plugin host tests have no outbox");
    }
    void add_segmenter(std::shared_ptr<Segmenter>) override {
        throw std::logic_error("the plugin host tests have no segment store");
    }

  private:
    std::string id_;
    fs::path dir_;
    std::vector<Command>& commands_;
    DurableSubscriber durable_;
};

::testing::AssertionResult mentions(const std::string& text,
                                    std::initializer_list<std::string> parts) {
    for (const auto& part : parts) {
        if (text.find(part) == std::string::npos) {
            return ::testing::AssertionFailure()
                   << "'" << text << "' does not mention '" << part << "'";
        }
    }
    return ::testing::AssertionSuccess();
}

// What the process has mapped, as /proc/self/maps lists it: a library the host opened is there.
std::string mapped_files() {
    std::ifstream in("/proc/self/maps");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

class PluginHostTest : public ::testing::Test {
  protected:
    void TearDown() override { host_.reset(); }

    // Discovers and loads from `dirs` the plugins in `enabled` (all of them when empty).
    PluginHost& load(std::vector<std::string> enabled = {},
                     std::vector<fs::path> dirs = {kFixtures}) {
        host_ = std::make_unique<PluginHost>(std::move(dirs), std::move(enabled));
        host_->discover();
        host_->load();
        return *host_;
    }

    // Hands the plugins their sections of a moshtari.yaml made of `yaml`.
    std::vector<ConfigProblem> configure(const std::string& yaml) {
        write_file(dir_ / "moshtari.yaml", yaml);
        return host_->configure(Config::load(dir_ / "moshtari.yaml"));
    }

    void start() {
        host_->start([this](const PluginInfo& plugin) -> std::unique_ptr<PluginContext> {
            return std::make_unique<RecordingContext>(plugin, commands_);
        });
    }

    // load, configure with both tracing fixtures writing to trace_file_, and start.
    PluginHost& run(std::vector<std::string> enabled = {},
                    std::vector<fs::path> dirs = {kFixtures}) {
        load(std::move(enabled), std::move(dirs));
        EXPECT_TRUE(configure(tracing()).empty());
        start();
        return *host_;
    }

    std::string tracing() const {
        return "good:\n  trace_file: " + trace_file_.string() +
               "\ngood-dependent:\n  trace_file: " + trace_file_.string() + "\n";
    }

    std::vector<std::string> trace() const {
        std::vector<std::string> lines;
        std::ifstream in(trace_file_);
        for (std::string line; std::getline(in, line);) {
            lines.push_back(line);
        }
        return lines;
    }

    const PluginInfo& plugin(std::string_view id) const {
        const auto* found = host_->find(id);
        if (found == nullptr) {
            throw std::logic_error("no plugin '" + std::string(id) + "' was discovered");
        }
        return *found;
    }

    PluginState state(std::string_view id) const { return plugin(id).state; }
    const std::string& error(std::string_view id) const { return plugin(id).error; }

    std::vector<std::string> ids() const {
        std::vector<std::string> result;
        for (const auto& plugin : host_->plugins()) {
            result.push_back(plugin.manifest.id);
        }
        return result;
    }

    std::size_t position(std::string_view id) const {
        const auto all = ids();
        return static_cast<std::size_t>(std::find(all.begin(), all.end(), id) - all.begin());
    }

    testing::TempDir dir_{"moshtari-plugin-host"};
    fs::path trace_file_ = dir_ / "trace.txt";
    std::unique_ptr<PluginHost> host_;
    std::vector<Command> commands_;
};

TEST_F(PluginHostTest, GoodPluginsStartDependenciesFirstStopInReverseAndAreDestroyedInReverse) {
    run({"good-dependent", "good"});

    EXPECT_EQ(ids(), (std::vector<std::string>{"good", "good-dependent"}));
    EXPECT_EQ(state("good"), PluginState::running) << error("good");
    EXPECT_EQ(state("good-dependent"), PluginState::running) << error("good-dependent");
    EXPECT_EQ(plugin("good").toolchain, host_toolchain_tag());
    ASSERT_EQ(commands_.size(), 1u);
    EXPECT_EQ(commands_[0].name, "good-hello");
    EXPECT_EQ(trace(), (std::vector<std::string>{"configure good", "configure good-dependent",
                                                 "start good", "start good-dependent"}));

    host_->stop();
    EXPECT_EQ(state("good"), PluginState::stopped);
    EXPECT_EQ(state("good-dependent"), PluginState::stopped);
    host_.reset();
    EXPECT_EQ(trace(),
              (std::vector<std::string>{"configure good", "configure good-dependent", "start good",
                                        "start good-dependent", "stop good-dependent", "stop good",
                                        "destroy good-dependent", "destroy good"}));
}

TEST_F(PluginHostTest, DestroyingARunningHostStopsThePluginsFirst) {
    run({"good", "good-dependent"});
    host_.reset();
    const auto lines = trace();
    ASSERT_EQ(lines.size(), 8u);
    EXPECT_EQ(std::vector<std::string>(lines.begin() + 4, lines.end()),
              (std::vector<std::string>{"stop good-dependent", "stop good",
                                        "destroy good-dependent", "destroy good"}));
}

TEST_F(PluginHostTest, ReadsTheManifests) {
    run({"good", "good-dependent"});
    const auto& good = plugin("good").manifest;
    EXPECT_EQ(good.version, "0.1.0");
    EXPECT_EQ(good.summary, "A plugin that works, for the plugin host tests");
    ASSERT_EQ(good.provides.size(), 1u);
    EXPECT_EQ(good.provides[0].kind, "command");
    EXPECT_EQ(good.provides[0].name, "good-hello");
    EXPECT_EQ(good.status, "alpha");
    EXPECT_EQ(good.license, "Apache-2.0");
    EXPECT_EQ(good.dir, kFixtures / "good");
    EXPECT_EQ(good.library, kFixtures / "good" / "good.so");
    const auto& dependent = plugin("good-dependent").manifest;
    ASSERT_EQ(dependent.dependencies.size(), 1u);
    EXPECT_EQ(dependent.dependencies[0].id, "good");
    EXPECT_EQ(dependent.dependencies[0].versions, ">=0.1, <1.0");
    EXPECT_EQ(dependent.status, "stable");
}

TEST_F(PluginHostTest, EveryBadPluginIsRefusedWithItsOwnReasonWhileTheGoodOnesRun) {
    run();
    const auto at = [](std::string_view id) { return (kFixtures / id).string(); };

    EXPECT_EQ(state("good"), PluginState::running) << error("good");
    EXPECT_EQ(state("good-dependent"), PluginState::running) << error("good-dependent");

    // Each refusal, in the words a user reads; a sentence is split only where it quotes a path.
    const std::vector<std::pair<std::string, std::vector<std::string>>> refusals{
        {"wrong-abi",
         {"plugin 'wrong-abi' was built for Moshtari plugin ABI 9.0 (as its plugin.yaml says)",
          ", but this host provides ABI 0.1; rebuild the plugin against Moshtari 0.1.0's SDK"}},
        {"lying-abi",
         {"plugin 'lying-abi' was built for Moshtari plugin ABI 9.0 (as its library ",
          at("lying-abi") + "/lying-abi.so reports), but this host provides ABI 0.1"}},
        {"wrong-toolchain",
         {"plugin 'wrong-toolchain' was compiled with othercc/otherlib/release",
          " but the host with " + std::string(host_toolchain_tag()) + "; build both the same way"}},
        {"mismatched-id",
         {"plugin 'mismatched-id': its library " + at("mismatched-id") + "/mismatched-id.so",
          " calls itself 'someone-else'",
          "; make the id in MOSHTARI_PLUGIN(...) equal the id in its plugin.yaml"}},
        {"missing-entry",
         {"plugin 'missing-entry': its library " + at("missing-entry") + "/missing-entry.so",
          " does not export the entry 'moshtari_plugin_descriptor'",
          "; build it with MOSHTARI_PLUGIN(...)"}},
        {"throws-in-start",
         {"plugin 'throws-in-start' failed to start: the fixture's start always throws",
          "; fix the cause or remove 'throws-in-start' from plugins.enabled"}},
        {"depends-on-throws",
         {"plugin 'depends-on-throws' was not started",
          " because its dependency 'throws-in-start' failed",
          "; fix 'throws-in-start' or remove 'depends-on-throws' from plugins.enabled"}},
        {"cycle-a",
         {"plugin 'cycle-a' is part of the dependency cycle cycle-a -> cycle-b -> cycle-a",
          "; remove one of these requirements from its plugin.yaml"}},
        {"cycle-b",
         {"plugin 'cycle-b' is part of the dependency cycle cycle-b -> cycle-a -> cycle-b"}},
        {"missing-dependency",
         {"plugin 'missing-dependency' requires 'not-installed' (>=1.0) which is not installed",
          "; install it or remove 'missing-dependency' from plugins.enabled"}},
        {"needs-newer",
         {"plugin 'needs-newer' requires 'good' >=2.0, but 'good' 0.1.0 is installed",
          "; install a version of 'good' matching >=2.0",
          " or remove 'needs-newer' from plugins.enabled"}},
        {"bad-manifest",
         {"plugin 'bad-manifest' has an invalid plugin.yaml; correct it: ",
          at("bad-manifest") + "/plugin.yaml:3:1: unknown key 'sumary' in plugin.yaml",
          "; did you mean 'summary'?"}},
    };
    for (const auto& [id, parts] : refusals) {
        SCOPED_TRACE(id);
        EXPECT_EQ(state(id), PluginState::failed);
        for (const auto& part : parts) {
            EXPECT_TRUE(mentions(error(id), {part}));
        }
    }
    EXPECT_EQ(refusals.size() + 2, host_->plugins().size());

    // Refused from the manifest alone: their libraries were never even mapped into the process.
    const auto maps = mapped_files();
    for (const char* id :
         {"wrong-abi", "cycle-a", "cycle-b", "missing-dependency", "needs-newer", "bad-manifest"}) {
        EXPECT_EQ(plugin(id).toolchain, "") << id;
        EXPECT_FALSE(mentions(maps, {"/" + std::string(id) + ".so"})) << id;
    }
    EXPECT_TRUE(mentions(maps, {"/good.so", "/missing-entry.so", "/lying-abi.so"}));
    EXPECT_EQ(plugin("throws-in-start").toolchain, host_toolchain_tag());
}

TEST_F(PluginHostTest, ResolutionOrdersDependenciesFirstThenAlphabeticallyAndPutsRefusalsLast) {
    host_ = std::make_unique<PluginHost>(std::vector<fs::path>{kFixtures});
    host_->discover();

    EXPECT_EQ(
        ids(),
        (std::vector<std::string>{
            "good", "good-dependent", "lying-abi", "mismatched-id", "missing-entry",
            "throws-in-start", "depends-on-throws", "wrong-abi", "wrong-toolchain",  // resolved
            "bad-manifest", "cycle-a", "cycle-b", "missing-dependency", "needs-newer"}));
    for (const char* id : {"good", "good-dependent", "wrong-abi", "depends-on-throws"}) {
        EXPECT_EQ(state(id), PluginState::resolved) << id;
    }
    for (const char* id : {"bad-manifest", "cycle-a", "missing-dependency", "needs-newer"}) {
        EXPECT_EQ(state(id), PluginState::failed) << id;
    }
}

TEST_F(PluginHostTest, CyclesOfAnyLengthFailTheirMembersAndWhatDependsOnThem) {
    const auto manifest = [](const std::string& id,
                             std::initializer_list<const char*> dependencies) {
        std::string yaml =
            "id: " + id + "\nversion: 1.0.0\nsummary: manifest only\nabi: \"0.1\"\nrequires:\n";
        for (const char* required : dependencies) {
            yaml += "  - id: " + std::string(required) + "\n";
        }
        return yaml;
    };
    const auto plugins = dir_ / "plugins";
    write_file(plugins / "x" / "plugin.yaml", manifest("x", {"y"}));
    write_file(plugins / "y" / "plugin.yaml", manifest("y", {"z"}));
    write_file(plugins / "z" / "plugin.yaml", manifest("z", {"x"}));
    write_file(plugins / "on-cycle" / "plugin.yaml", manifest("on-cycle", {"x"}));
    write_file(plugins / "on-on-cycle" / "plugin.yaml", manifest("on-on-cycle", {"on-cycle"}));
    write_file(plugins / "selfish" / "plugin.yaml", manifest("selfish", {"selfish"}));
    write_file(plugins / "uses-fixture-cycle" / "plugin.yaml",
               manifest("uses-fixture-cycle", {"cycle-a"}));
    host_ = std::make_unique<PluginHost>(std::vector<fs::path>{plugins, kFixtures});
    host_->discover();

    EXPECT_TRUE(
        mentions(error("x"), {"plugin 'x' is part of the dependency cycle x -> y -> z -> x"}));
    EXPECT_TRUE(mentions(error("y"), {"y -> z -> x -> y"}));
    EXPECT_TRUE(mentions(error("z"), {"z -> x -> y -> z"}));
    EXPECT_TRUE(mentions(error("selfish"), {"selfish -> selfish"}));
    EXPECT_TRUE(mentions(error("on-cycle"),
                         {"plugin 'on-cycle' cannot be used because its dependency 'x' failed",
                          "; fix 'x' or remove 'on-cycle' from plugins.enabled"}));
    EXPECT_TRUE(mentions(error("on-on-cycle"), {"its dependency 'on-cycle' failed"}));
    EXPECT_TRUE(mentions(error("uses-fixture-cycle"), {"its dependency 'cycle-a' failed"}));
    EXPECT_EQ(state("good"), PluginState::resolved);
}

TEST_F(PluginHostTest, APluginWithoutItsLibraryIsRefusedWhenLoading) {
    write_file(dir_ / "plugins" / "no-library" / "plugin.yaml",
               "id: no-library\nversion: 1.0.0\nsummary: manifest only\nabi: \"0.1\"\n");
    load({}, {dir_ / "plugins"});
    EXPECT_EQ(state("no-library"), PluginState::failed);
    EXPECT_TRUE(mentions(error("no-library"),
                         {"plugin 'no-library': its library " +
                          (dir_ / "plugins" / "no-library" / "no-library.so").string() +
                          " does not exist; build the plugin or reinstall it"}));
}

TEST_F(PluginHostTest, ALibraryTheLoaderRejectsIsReportedWithTheLoadersMessage) {
    write_file(dir_ / "plugins" / "not-elf" / "plugin.yaml",
               "id: not-elf\nversion: 1.0.0\nsummary: a text file for a library\nabi: \"0.1\"\n");
    write_file(dir_ / "plugins" / "not-elf" / "not-elf.so", "this is not a shared library\n");
    load({}, {dir_ / "plugins"});
    const auto file = (dir_ / "plugins" / "not-elf" / "not-elf.so").string();
    EXPECT_TRUE(mentions(error("not-elf"),
                         {"plugin 'not-elf': its library " + file + " cannot be opened (" + file,
                          "); rebuild it against this Moshtari or reinstall it"}));
}

TEST_F(PluginHostTest, OnlyEnabledPluginsAreUsedAndAMissingOneIsReported) {
    run({"good", "nowhere"}, {kFixtures, dir_ / "absent"});
    EXPECT_EQ(state("good"), PluginState::running);
    EXPECT_EQ(host_->find("cycle-a"), nullptr);
    EXPECT_EQ(state("nowhere"), PluginState::failed);
    EXPECT_EQ(error("nowhere"),
              "plugin 'nowhere' is enabled in the configuration but was not found in: " +
                  kFixtures.string() + ", " + (dir_ / "absent").string() +
                  "; install it there or remove it from plugins.enabled");
    EXPECT_EQ(host_->plugins().size(), 2u);
}

TEST_F(PluginHostTest, ARequirementLeftOutOfTheEnabledListIsNamedAsSuch) {
    run({"good-dependent"});
    EXPECT_TRUE(mentions(error("good-dependent"),
                         {"plugin 'good-dependent' requires 'good' (>=0.1, <1.0)",
                          ", which is installed but not enabled; add 'good' to plugins.enabled"}));
}

TEST_F(PluginHostTest, AMissingSearchFolderIsNotAnError) {
    run({"good"}, {dir_ / "absent", kFixtures});
    EXPECT_EQ(state("good"), PluginState::running);
    EXPECT_EQ(host_->plugins().size(), 1u);
}

TEST_F(PluginHostTest, TheSecondOfTwoPluginsWithOneIdIsADuplicate) {
    fs::create_directories(dir_ / "copies");
    fs::copy(kFixtures / "good", dir_ / "copies" / "good", fs::copy_options::recursive);
    run({"good"}, {kFixtures, dir_ / "copies"});
    ASSERT_EQ(host_->plugins().size(), 2u);
    EXPECT_EQ(host_->plugins()[0].state, PluginState::running);
    EXPECT_EQ(host_->plugins()[0].manifest.dir, kFixtures / "good");
    EXPECT_EQ(host_->plugins()[1].state, PluginState::failed);
    EXPECT_EQ(host_->plugins()[1].error, "plugin 'good' in " + (dir_ / "copies" / "good").string() +
                                             " is a duplicate of the one in " +
                                             (kFixtures / "good").string() + "; remove one");
    EXPECT_EQ(&plugin("good"), &host_->plugins()[0]);
}

TEST_F(PluginHostTest, ConfigurationProblemsAreCollectedAndThePluginsStayLoaded) {
    load({"good", "throws-in-start"});
    const auto problems = configure("good:\n  trace_fil: x\nthrows-in-start:\n  verbose: true\n");
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_TRUE(mentions(
        problems[0].to_string(),
        {"moshtari.yaml:2:3: unknown key 'trace_fil' in good; did you mean 'trace_file'?"}));
    // A plugin that reads no settings refuses them all (Plugin::configure's default).
    EXPECT_TRUE(mentions(problems[1].to_string(),
                         {"moshtari.yaml:4:3: unknown key 'verbose' in throws-in-start",
                          "; this section takes no keys"}));
    EXPECT_EQ(state("good"), PluginState::loaded);
    EXPECT_EQ(state("throws-in-start"), PluginState::loaded);
}

TEST_F(PluginHostTest, AContextThatCannotBeMadeFailsThePluginAndItsDependents) {
    load({"good", "good-dependent"});
    host_->start([](const PluginInfo& plugin) -> std::unique_ptr<PluginContext> {
        throw std::runtime_error("no context for " + plugin.manifest.id);
    });
    EXPECT_TRUE(mentions(error("good"), {"plugin 'good' failed to start: no context for good"}));
    EXPECT_TRUE(
        mentions(error("good-dependent"),
                 {"plugin 'good-dependent' was not started because its dependency 'good' failed"}));
}

TEST_F(PluginHostTest, StatesHaveNames) {
    EXPECT_STREQ(to_string(PluginState::read), "read");
    EXPECT_STREQ(to_string(PluginState::resolved), "resolved");
    EXPECT_STREQ(to_string(PluginState::loaded), "loaded");
    EXPECT_STREQ(to_string(PluginState::running), "running");
    EXPECT_STREQ(to_string(PluginState::stopped), "stopped");
    EXPECT_STREQ(to_string(PluginState::failed), "failed");
}

TEST(PluginHostInWorkspace, AWorkspaceRunsTheGoodFixturesAndOpensDespiteTheBadOnes) {
    const testing::TempDir trace_dir("moshtari-plugin-trace");
    const auto trace_file = (trace_dir / "trace.txt").string();
    {
        testing::TestWorkspace workspace(
            {kFixtures}, "good:\n  trace_file: " + trace_file +
                             "\ngood-dependent:\n  trace_file: " + trace_file + "\n");
        auto& host = workspace->plugins();
        EXPECT_EQ(host.find("good")->state, PluginState::running) << host.find("good")->error;
        EXPECT_EQ(host.find("good-dependent")->state, PluginState::running);
        EXPECT_EQ(host.find("throws-in-start")->state, PluginState::failed);
        EXPECT_EQ(host.find("wrong-abi")->state, PluginState::failed);
        const auto& commands = workspace->commands();
        EXPECT_TRUE(std::any_of(commands.begin(), commands.end(), [](const Command& command) {
            return command.name == "good-hello";
        }));
        // throws-in-start registered a command and a durable handler before it threw; both went
        // with it (a handler still registered would have advanced its cursor past the event).
        EXPECT_FALSE(std::any_of(commands.begin(), commands.end(), [](const Command& command) {
            return command.name == "throws-in-start-command";
        }));
        Customer customer;
        customer.name = "Someone";
        workspace->customers().create(customer);
        workspace->run_worker_pass(now());
        EXPECT_EQ(workspace->dispatcher().cursor("throws-in-start"), 0);
    }
    std::ifstream in(trace_file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    EXPECT_EQ(lines,
              (std::vector<std::string>{"configure good", "configure good-dependent", "start good",
                                        "start good-dependent", "stop good-dependent", "stop good",
                                        "destroy good-dependent", "destroy good"}));
}

}  // namespace
}  // namespace moshtari
