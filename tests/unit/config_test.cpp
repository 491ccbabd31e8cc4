#include "moshtari/config.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "moshtari/sdk/testing.hpp"

namespace {

namespace fs = std::filesystem;
using moshtari::Config;
using moshtari::ConfigError;
using moshtari::ConfigSection;

class ConfigTest : public ::testing::Test {
  protected:
    // Writes `text` to `name` under the test's folder and returns the file's path.
    fs::path write(const fs::path& name, std::string_view text) const {
        const fs::path file = dir_ / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file;
    }

    // The file's path as messages show it, followed by ":line:column".
    std::string at(const fs::path& name, int line, int column) const {
        return (dir_ / name).string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
               ": ";
    }

    const fs::path& dir() const { return dir_.path(); }

  private:
    moshtari::testing::TempDir dir_{"moshtari-config-test"};
};

::testing::AssertionResult contains(const std::string& text, const std::string& part) {
    if (text.find(part) != std::string::npos) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "\"" << text << "\"\ndoes not contain\n\"" << part << "\"";
}

// The ConfigError `action` throws; a test failure when it throws none.
template <class Action>
ConfigError config_error(Action&& action) {
    try {
        action();
    } catch (const ConfigError& error) {
        return error;
    }
    ADD_FAILURE() << "expected a ConfigError";
    return ConfigError({});
}

TEST_F(ConfigTest, EmptyFileGivesTheDefaults) {
    const auto file = write("moshtari.yaml", "");
    const auto config = Config::load(file);
    EXPECT_EQ(config.file(), file);
    EXPECT_EQ(config.files(), std::vector<fs::path>{file});
    EXPECT_EQ(config.database(), dir() / "moshtari.db");
    EXPECT_EQ(config.default_currency(), "EUR");
    EXPECT_EQ(config.time_zone(), "UTC");
    EXPECT_TRUE(config.plugin_dirs().empty());
    EXPECT_TRUE(config.enabled_plugins().empty());
    EXPECT_TRUE(config.pipelines().empty());
}

TEST_F(ConfigTest, ReadsTheCoreSections) {
    const auto file = write("site/moshtari.yaml", R"(workspace:
  database: data/crm.db
  currency: IRR
  time_zone: Asia/Tehran
plugins:
  paths: [plugins, /opt/moshtari/plugins]
  enabled: [segment-lifecycle]
pipelines:
  - id: sales
    name: Sales
    stages:
      - id: lead
        probability: 0.1
        sla_days: 3
      - {id: won, name: Closed won, probability: 1, won: true}
      - {id: lost, probability: 0, lost: yes}
)");
    const auto config = Config::load(file);
    EXPECT_EQ(config.database(), dir() / "site/data/crm.db");
    EXPECT_EQ(config.default_currency(), "IRR");
    EXPECT_EQ(config.time_zone(), "Asia/Tehran");
    EXPECT_EQ(config.plugin_dirs(),
              (std::vector<fs::path>{dir() / "site/plugins", "/opt/moshtari/plugins"}));
    EXPECT_EQ(config.enabled_plugins(), std::vector<std::string>{"segment-lifecycle"});

    ASSERT_EQ(config.pipelines().size(), 1u);
    const auto& sales = config.pipelines()[0];
    EXPECT_EQ(sales.id, "sales");
    EXPECT_EQ(sales.name, "Sales");
    ASSERT_EQ(sales.stages.size(), 3u);
    EXPECT_EQ(sales.stages[0].id, "lead");
    EXPECT_EQ(sales.stages[0].name, "lead");
    EXPECT_DOUBLE_EQ(sales.stages[0].win_probability, 0.1);
    EXPECT_EQ(sales.stages[0].sla_days, 3);
    EXPECT_FALSE(sales.stages[0].won || sales.stages[0].lost);
    EXPECT_EQ(sales.stages[1].name, "Closed won");
    EXPECT_TRUE(sales.stages[1].won);
    EXPECT_EQ(sales.stages[1].sla_days, std::nullopt);
    EXPECT_TRUE(sales.stages[2].lost);
}

TEST_F(ConfigTest, MissingFileSaysHowToCreateOne) {
    const auto file = dir() / "nowhere/moshtari.yaml";
    const auto error = config_error([&] { Config::load(file); });
    EXPECT_TRUE(contains(error.what(), file.string() + ": no such configuration file"));
    EXPECT_TRUE(contains(error.what(), "moshtari init"));
    EXPECT_TRUE(contains(error.what(), "--config"));
}

TEST_F(ConfigTest, YamlSyntaxErrorNamesLineAndColumn) {
    const auto file = write("moshtari.yaml", "workspace:\n  currency: EUR\n  database: a: b\n");
    const auto error = config_error([&] { Config::load(file); });
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_EQ(error.problems()[0].where.line, 3);
    EXPECT_EQ(error.problems()[0].where.column, 14);
    EXPECT_EQ(std::string(error.what()),
              at("moshtari.yaml", 3, 14) + "invalid YAML: illegal map value");
}

TEST_F(ConfigTest, AKeyWrittenTwiceIsAnErrorNotASilentChoice) {
    const auto file =
        write("moshtari.yaml",
              "workspace:\n  currency: EUR\nworkspace:\n  currency: USD\n"
              "pipelines:\n  - id: a\n    id: b\n    stages: [{id: x, probability: 1}]\n");
    const auto error = config_error([&] { Config::load(file); });
    ASSERT_EQ(error.problems().size(), 2u) << error.what();
    EXPECT_EQ(error.problems()[0].to_string(),
              at("moshtari.yaml", 3, 1) +
                  "key 'workspace' is written twice in one mapping (first on line 1); keep one");
    EXPECT_EQ(error.problems()[1].where.line, 7);
}

TEST_F(ConfigTest, UnknownKeySuggestsTheClosestOne) {
    const auto file = write("moshtari.yaml", R"(workspace:
  currency: EUR
plugins:
  paths: []
segment-lifecycle:
  new_days: 10
  new_day: 5
)");
    const auto config = Config::load(file);
    const auto section = config.plugin_section("segment-lifecycle");
    const auto error = config_error([&] { section.allow_only({"new_days", "dormant_days"}); });
    EXPECT_EQ(std::string(error.what()),
              at("moshtari.yaml", 7, 3) +
                  "unknown key 'new_day' in segment-lifecycle; did you mean 'new_days'?");
}

TEST_F(ConfigTest, UnknownKeyFarFromAnyListsTheAllowedOnes) {
    const auto file = write("moshtari.yaml", "workspace:\n  colour: blue\n");
    const auto error = config_error([&] { Config::load(file); });
    EXPECT_EQ(
        std::string(error.what()),
        at("moshtari.yaml", 2, 3) +
            "unknown key 'colour' in workspace; expected one of: database, currency, time_zone");
}

TEST_F(ConfigTest, EveryUnknownKeyOfASectionIsReported) {
    const auto file = write("moshtari.yaml", "workspace:\n  currncy: EUR\n  timezone: UTC\n");
    const auto error = config_error([&] { Config::load(file); });
    ASSERT_EQ(error.problems().size(), 2u);
    EXPECT_EQ(std::string(error.what()),
              at("moshtari.yaml", 2, 3) +
                  "unknown key 'currncy' in workspace; did you mean 'currency'?\n" +
                  at("moshtari.yaml", 3, 3) +
                  "unknown key 'timezone' in workspace; did you mean 'time_zone'?");
}

TEST_F(ConfigTest, UnknownTopLevelSectionSuggestsAPluginId) {
    const auto file = write("moshtari.yaml", "workspace: {}\nsegment-lifecyle:\n  new_days: 10\n");
    const auto config = Config::load(file);
    EXPECT_NO_THROW(config.check_unknown_sections({"segment-lifecyle"}));
    const auto error = config_error([&] { config.check_unknown_sections({"segment-lifecycle"}); });
    EXPECT_EQ(std::string(error.what()),
              at("moshtari.yaml", 2, 1) +
                  "unknown section 'segment-lifecyle'; did you mean 'segment-lifecycle'?");
}

TEST_F(ConfigTest, WrongTypeFailsAtTheValue) {
    const auto file = write("moshtari.yaml", R"(segment-lifecycle:
  new_days: ten
  channels: email
)");
    const auto section = Config::load(file).plugin_section("segment-lifecycle");
    EXPECT_EQ(std::string(config_error([&] { section.get("new_days", 30); }).what()),
              at("moshtari.yaml", 2, 13) +
                  "segment-lifecycle.new_days: expected a whole number, got 'ten'");
    EXPECT_EQ(
        std::string(config_error([&] { section.require<double>("new_days"); }).what()),
        at("moshtari.yaml", 2, 13) + "segment-lifecycle.new_days: expected a number, got 'ten'");
    EXPECT_EQ(std::string(config_error([&] { section.get("new_days", false); }).what()),
              at("moshtari.yaml", 2, 13) +
                  "segment-lifecycle.new_days: expected true or false, got 'ten'");
    EXPECT_EQ(std::string(config_error([&] {
                              section.get<std::vector<std::string>>("channels", {});
                          }).what()),
              at("moshtari.yaml", 3, 13) +
                  "segment-lifecycle.channels: expected a list of strings, got 'email'");
    EXPECT_EQ(
        std::string(config_error([&] { section.child("channels"); }).what()),
        at("moshtari.yaml", 3, 13) + "segment-lifecycle.channels: expected a mapping, got 'email'");
}

TEST_F(ConfigTest, ReadsEachSupportedType) {
    const auto file = write("moshtari.yaml", R"(segment-lifecycle:
  enabled: true
  new_days: +30
  horizon: 9000000000
  decay: 0.25
  label: Active
  channels: [email, sms]
  blank:
)");
    const auto section = Config::load(file).plugin_section("segment-lifecycle");
    EXPECT_TRUE(section.require<bool>("enabled"));
    EXPECT_EQ(section.require<int>("new_days"), 30);
    EXPECT_EQ(section.require<std::int64_t>("horizon"), 9'000'000'000);
    EXPECT_DOUBLE_EQ(section.require<double>("decay"), 0.25);
    EXPECT_EQ(section.require<std::string>("label"), "Active");
    EXPECT_EQ(section.require<std::vector<std::string>>("channels"),
              (std::vector<std::string>{"email", "sms"}));
    EXPECT_EQ(section.get("absent", 7), 7);
    // `blank:` holds nothing, so the fallback applies.
    EXPECT_FALSE(section.has("blank"));
    EXPECT_EQ(section.get<std::string>("blank", "default"), "default");
    EXPECT_EQ(std::string(config_error([&] { section.require<int>("horizon"); }).what()),
              at("moshtari.yaml", 4, 12) +
                  "segment-lifecycle.horizon: expected a whole number from -2147483648 to "
                  "2147483647, got "
                  "'9000000000'");
    EXPECT_EQ(section.keys(), (std::vector<std::string>{"enabled", "new_days", "horizon", "decay",
                                                        "label", "channels", "blank"}));
}

TEST_F(ConfigTest, MissingRequiredKeyFailsAtTheSection) {
    const auto file = write("moshtari.yaml", R"(workspace:
  currency: EUR
channel-email:
  from: shop@example.com
  host:
pipelines:
  - name: Sales
    stages: [{id: lead, probability: 0.5}]
)");
    const auto error = config_error([&] { Config::load(file); });
    EXPECT_EQ(std::string(error.what()),
              at("moshtari.yaml", 7, 5) + "pipelines[0]: missing required key 'id'");

    write("moshtari.yaml", "channel-email:\n  from: shop@example.com\n  host:\n");
    const auto section = Config::load(file).plugin_section("channel-email");
    EXPECT_EQ(std::string(config_error([&] { section.require<std::string>("port"); }).what()),
              at("moshtari.yaml", 2, 3) + "channel-email: missing required key 'port'");
    // Written but left empty: pointed at the key itself.
    EXPECT_EQ(std::string(config_error([&] { section.require<std::string>("host"); }).what()),
              at("moshtari.yaml", 3, 3) + "channel-email.host: expected a value");
}

TEST_F(ConfigTest, AbsentPluginSectionIsEmptyAndStillNamesTheFile) {
    const auto file = write("moshtari.yaml", "workspace: {}\n");
    const auto section = Config::load(file).plugin_section("loyalty-points");
    EXPECT_TRUE(section.empty());
    EXPECT_EQ(section.path(), "loyalty-points");
    EXPECT_EQ(section.get("rate", 1.0), 1.0);
    EXPECT_EQ(std::string(config_error([&] { section.require<int>("rate"); }).what()),
              file.string() + ": loyalty-points: missing required key 'rate'");
}

TEST_F(ConfigTest, BadCurrencyFailsAtTheValue) {
    const auto file = write("moshtari.yaml", "workspace:\n  database: crm.db\n  currency: EURO\n");
    const auto error = config_error([&] { Config::load(file); });
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_TRUE(contains(
        error.what(), at("moshtari.yaml", 3, 13) + "workspace.currency: unknown currency 'EURO'"));
}

TEST_F(ConfigTest, BadPipelineReportsEachProblemAtItsValue) {
    const auto file = write("moshtari.yaml", R"(pipelines:
  - id: sales
    stages:
      - id: lead
        probability: 0.2
      - id: lead
        probability: 1.5
      - id: Closed Won
        probability: 1
        won: true
        lost: true
        sla_days: -1
  - id: sales
    stages: []
)");
    const auto error = config_error([&] { Config::load(file); });
    EXPECT_EQ(
        std::string(error.what()),
        at("moshtari.yaml", 6, 13) +
            "pipelines[0].stages[1].id: duplicate stage id 'lead'; pipelines[0].stages[0] already "
            "uses it\n" +
            at("moshtari.yaml", 7, 22) +
            "pipelines[0].stages[1].probability: expected a probability from 0 to 1, got '1.5'\n" +
            at("moshtari.yaml", 8, 13) +
            "pipelines[0].stages[2].id: expected lower-case letters, digits, '-' and '_' only, got "
            "'Closed Won'\n" +
            at("moshtari.yaml", 12, 19) +
            "pipelines[0].stages[2].sla_days: expected a number of days, 0 or more, got '-1'\n" +
            at("moshtari.yaml", 11, 15) +
            "pipelines[0].stages[2].lost: a stage cannot be both won and lost\n" +
            at("moshtari.yaml", 13, 9) +
            "pipelines[1].id: duplicate pipeline id 'sales'; pipelines[0] already uses it\n" +
            at("moshtari.yaml", 14, 13) + "pipelines[1].stages: expected at least one stage");
}

TEST_F(ConfigTest, ListItemsMustBeMappings) {
    const auto file =
        write("moshtari.yaml", "pipelines:\n  - sales\n  - id: support\n    stages: lead\n");
    const auto error = config_error([&] { Config::load(file); });
    EXPECT_EQ(std::string(error.what()),
              at("moshtari.yaml", 2, 5) + "pipelines[0]: expected a mapping, got 'sales'");

    write("moshtari.yaml", "pipelines:\n  - id: support\n    stages: lead\n");
    EXPECT_EQ(std::string(config_error([&] { Config::load(file); }).what()),
              at("moshtari.yaml", 3, 13) + "pipelines[0].stages: expected a list, got 'lead'");
}

TEST_F(ConfigTest, ExtendsLayersTheDeploymentOverThePreset) {
    write("presets/retail.yaml", R"(workspace:
  currency: USD
  time_zone: America/New_York
plugins:
  paths: [plugins]
pipelines:
  - id: retail
    stages: [{id: cart, probability: 0.3}]
segment-lifecycle:
  new_days: 30
  dormant_days: 180
  channels: [email, sms]
)");
    const auto file = write("site/moshtari.yaml", R"(extends: retail
workspace:
  currency: EUR
segment-lifecycle:
  new_days: 14
  channels: [email]
)");
    const auto config = Config::load(file, {dir() / "presets"});
    EXPECT_EQ(config.files(), (std::vector<fs::path>{file, dir() / "presets/retail.yaml"}));
    EXPECT_EQ(config.default_currency(), "EUR");
    EXPECT_EQ(config.time_zone(), "America/New_York");
    // Each relative folder is read against the file that names it; the database always against the
    // deployment.
    EXPECT_EQ(config.plugin_dirs(), std::vector<fs::path>{dir() / "presets/plugins"});
    EXPECT_EQ(config.database(), dir() / "site/moshtari.db");
    ASSERT_EQ(config.pipelines().size(), 1u);
    EXPECT_EQ(config.pipelines()[0].id, "retail");

    const auto section = config.plugin_section("segment-lifecycle");
    EXPECT_EQ(section.get("new_days", 0), 14);
    EXPECT_EQ(section.get("dormant_days", 0), 180);
    // A list set above replaces the preset's whole.
    EXPECT_EQ(section.get<std::vector<std::string>>("channels", {}),
              std::vector<std::string>{"email"});
    EXPECT_EQ(section.keys(), (std::vector<std::string>{"new_days", "channels", "dormant_days"}));
    EXPECT_EQ(section.location("dormant_days").file, (dir() / "presets/retail.yaml").string());
    EXPECT_EQ(section.location("dormant_days").line, 11);
}

TEST_F(ConfigTest, ErrorInsideThePresetNamesThePresetFile) {
    write("retail.yaml",
          "workspace:\n  currency: EUR\nsegment-lifecycle:\n  new_days: ten\n  new_day: 3\n");
    const auto file =
        write("moshtari.yaml", "extends: retail\nsegment-lifecycle:\n  dormant_days: 90\n");
    const auto section = Config::load(file).plugin_section("segment-lifecycle");
    EXPECT_EQ(std::string(config_error([&] { section.get("new_days", 30); }).what()),
              at("retail.yaml", 4, 13) +
                  "segment-lifecycle.new_days: expected a whole number, got 'ten'");
    EXPECT_EQ(std::string(config_error([&] {
                              section.allow_only({"new_days", "dormant_days"});
                          }).what()),
              at("retail.yaml", 5, 3) +
                  "unknown key 'new_day' in segment-lifecycle; did you mean 'new_days'?");

    write("retail.yaml", "workspace:\n  currency: XYZ\n");
    EXPECT_TRUE(contains(config_error([&] { Config::load(file); }).what(),
                         at("retail.yaml", 2, 13) + "workspace.currency: unknown currency 'XYZ'"));
}

TEST_F(ConfigTest, PresetsMayExtendFurtherPresetsByPath) {
    write("presets/base.yaml", "workspace:\n  time_zone: Europe/Paris\n  currency: USD\n");
    write("presets/retail.yaml", "extends: base.yaml\nworkspace:\n  currency: GBP\n");
    const auto file = write("moshtari.yaml", "extends: presets/retail.yaml\n");
    const auto config = Config::load(file);
    EXPECT_EQ(config.files(), (std::vector<fs::path>{file, dir() / "presets/retail.yaml",
                                                     dir() / "presets/base.yaml"}));
    EXPECT_EQ(config.default_currency(), "GBP");
    EXPECT_EQ(config.time_zone(), "Europe/Paris");
}

TEST_F(ConfigTest, ExtendsCycleIsAnError) {
    write("a.yaml", "extends: b\n");
    write("b.yaml", "extends: a.yaml\n");
    const auto file = write("moshtari.yaml", "extends: a\n");
    const auto error = config_error([&] { Config::load(file); });
    EXPECT_EQ(std::string(error.what()),
              at("b.yaml", 1, 10) +
                  "extends: presets extend each other in a cycle: " + (dir() / "a.yaml").string() +
                  " -> " + (dir() / "b.yaml").string() + " -> " + (dir() / "a.yaml").string());
}

TEST_F(ConfigTest, MissingPresetSaysWhereItLooked) {
    const auto file = write("moshtari.yaml", "workspace: {}\nextends: retail\n");
    const auto error = config_error([&] { Config::load(file, {dir() / "presets"}); });
    EXPECT_EQ(std::string(error.what()), at("moshtari.yaml", 2, 10) +
                                             "extends: preset 'retail' not found; looked for " +
                                             (dir() / "retail.yaml").string() + ", " +
                                             (dir() / "presets/retail.yaml").string());
}

TEST_F(ConfigTest, ReportsProblemsOfEverySectionTogether) {
    const auto file = write("moshtari.yaml", R"(workspace:
  currency: EURO
  databse: crm.db
plugins:
  paths: plugins
pipelines:
  - id: sales
    stages:
      - {id: lead, probability: high}
)");
    const auto error = config_error([&] { Config::load(file); });
    ASSERT_EQ(error.problems().size(), 4u);
    const std::string what = error.what();
    EXPECT_EQ(std::count(what.begin(), what.end(), '\n'), 3);
    EXPECT_TRUE(contains(what, at("moshtari.yaml", 3, 3) +
                                   "unknown key 'databse' in workspace; did you mean "
                                   "'database'?"));
    EXPECT_TRUE(
        contains(what, at("moshtari.yaml", 2, 13) + "workspace.currency: unknown currency 'EURO'"));
    EXPECT_TRUE(contains(what, at("moshtari.yaml", 5, 10) +
                                   "plugins.paths: expected a list of strings, got "
                                   "'plugins'"));
    EXPECT_TRUE(contains(what, at("moshtari.yaml", 9, 33) +
                                   "pipelines[0].stages[0].probability: expected a "
                                   "number, got 'high'"));
}

// Built member by member: GCC 12 at -O3 reports a false maybe-uninitialized for a braced temporary
// of it.
moshtari::ConfigProblem problem_at(const std::string& file, int line, int column,
                                   const std::string& message) {
    moshtari::ConfigProblem problem;
    problem.where.file = file;
    problem.where.line = line;
    problem.where.column = column;
    problem.message = message;
    return problem;
}

TEST(ConfigProblemTest, ToStringLeavesOutAnUnknownPosition) {
    EXPECT_EQ(problem_at("moshtari.yaml", 12, 5, "unknown key 'new_day'").to_string(),
              "moshtari.yaml:12:5: unknown key 'new_day'");
    EXPECT_EQ(problem_at("moshtari.yaml", 12, 0, "bad").to_string(), "moshtari.yaml:12: bad");
    EXPECT_EQ(problem_at("moshtari.yaml", 0, 0, "bad").to_string(), "moshtari.yaml: bad");
    EXPECT_EQ(problem_at("", 0, 0, "bad").to_string(), "bad");
}

TEST(ConfigErrorTest, ListsEachProblemOnItsOwnLine) {
    const ConfigError error(
        {problem_at("moshtari.yaml", 12, 5, "first"), problem_at("retail.yaml", 3, 0, "second"),
         problem_at("moshtari.yaml", 0, 0, "third"), problem_at("", 0, 0, "fourth")});
    EXPECT_EQ(std::string(error.what()),
              "moshtari.yaml:12:5: first\nretail.yaml:3: second\nmoshtari.yaml: third\nfourth");
    EXPECT_EQ(error.problems().size(), 4u);
}

TEST(ConfigSectionTest, DefaultSectionHasNoKeys) {
    const ConfigSection section;
    EXPECT_TRUE(section.empty());
    EXPECT_FALSE(section.has("id"));
    EXPECT_TRUE(section.list("stages").empty());
    EXPECT_EQ(section.get<std::string>("name", "none"), "none");
    EXPECT_NO_THROW(section.allow_only({}));
}

TEST_F(ConfigTest, OutboxDefaultsAndEveryKey) {
    const auto defaults =
        Config::load(write("defaults.yaml", "workspace:\n  time_zone: Asia/Tehran\n"));
    EXPECT_EQ(defaults.outbox().max_attempts, 5);
    EXPECT_EQ(defaults.outbox().time_zone, "Asia/Tehran") << "the workspace's zone by default";
    EXPECT_FALSE(defaults.outbox().message_id_host.empty());
    EXPECT_TRUE(defaults.outbox().channels.empty());

    const auto config = Config::load(write("moshtari.yaml", R"(outbox:
  max_attempts: 3
  backoff_base_seconds: 30
  backoff_cap_seconds: 600
  batch_size: 1
  lease_seconds: 120
  time_zone: Europe/Berlin
  message_id_host: mail.example.com
  channels:
    email:
      quiet_hours: {start: "21:30", end: "07:05"}
      rate_per_minute: 100
    sms: {rate_per_minute: 5}
)"));
    const auto& outbox = config.outbox();
    EXPECT_EQ(outbox.max_attempts, 3);
    EXPECT_EQ(outbox.backoff_base.count(), 30);
    EXPECT_EQ(outbox.backoff_cap.count(), 600);
    EXPECT_EQ(outbox.batch_size, 1);
    EXPECT_EQ(outbox.lease.count(), 120);
    EXPECT_EQ(outbox.time_zone, "Europe/Berlin");
    EXPECT_EQ(outbox.message_id_host, "mail.example.com");
    ASSERT_TRUE(outbox.channels.at("email").quiet_hours);
    EXPECT_EQ(outbox.channels.at("email").quiet_hours->start_minute, 21 * 60 + 30);
    EXPECT_EQ(outbox.channels.at("email").quiet_hours->end_minute, 7 * 60 + 5);
    EXPECT_EQ(outbox.channels.at("email").rate_per_minute, 100);
    EXPECT_FALSE(outbox.channels.at("sms").quiet_hours);
    EXPECT_EQ(outbox.channels.at("sms").rate_per_minute, 5);
}

TEST_F(ConfigTest, OutboxProblemsAreReportedTogetherWithTheirPlaces) {
    const auto file = write("moshtari.yaml", R"(outbox:
  max_attempts: 0
  backoff_base_seconds: 600
  backoff_cap_seconds: 60
  message_id_host: "mail@example.com"
  retries: 3
  channels:
    email:
      quiet_hours: {start: "9pm", end: "08:00"}
      rate_per_minute: -1
    sms:
      quiet_hours: {start: "08:00", end: "08:00"}
)");
    const auto error = config_error([&] { Config::load(file); });
    const std::string text = error.what();
    EXPECT_TRUE(contains(text, at("moshtari.yaml", 2, 17) +
                                   "outbox.max_attempts: expected a whole number from 1 up"));
    EXPECT_TRUE(
        contains(text, at("moshtari.yaml", 4, 24) +
                           "outbox.backoff_cap_seconds: expected at least backoff_base_seconds"));
    EXPECT_TRUE(contains(
        text, at("moshtari.yaml", 5, 20) + "outbox.message_id_host: expected a host name"));
    EXPECT_TRUE(contains(text, "unknown key 'retries'"));
    EXPECT_TRUE(contains(
        text,
        at("moshtari.yaml", 9, 28) +
            "outbox.channels.email.quiet_hours.start: expected a local time of day as HH:MM"));
    EXPECT_TRUE(
        contains(text, "outbox.channels.email.rate_per_minute: expected a whole number from 1 up"));
    EXPECT_TRUE(contains(text,
                         "outbox.channels.sms.quiet_hours.end: quiet hours must end at another "
                         "time than they start"));
    EXPECT_EQ(error.problems().size(), 7u) << text;
}

}  // namespace
