// `moshtari calls log|schedule|queue` through the real host, on a real SQLite file: calls matched
// by number, call tasks closed by an answered call, the queue's order, customer data rights.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "moshtari/config_error.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/plugin_host.hpp"
#include "moshtari/privacy_store.hpp"
#include "moshtari/task_store.hpp"
#include "phone_fixture.hpp"

namespace moshtari::channel_phone {
namespace {

class CallsTest : public testing::PhoneWorkspaceTest {
  protected:
    CallsTest()
        : PhoneWorkspaceTest(
              "channel-phone:\n  default_region: IR\n"
              "  calls: {default_assignee: sara, default_priority: normal}\n") {}

    std::vector<std::string> log_call(const std::string& number, const std::string& outcome,
                                      std::vector<std::string> extra = {},
                                      const std::string& direction = "outbound") {
        std::vector<std::string> args{
            "calls",      "log", "--number",  number,  "--start",     "2026-11-20T10:00:00Z",
            "--duration", "125", "--outcome", outcome, "--direction", direction};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
};

TEST_F(CallsTest, ThePluginRunsThroughTheHost) {
    const PluginInfo* info = w().plugins().find("channel-phone");
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->state, PluginState::running) << info->error;
}

TEST_F(CallsTest, LogFindsTheCustomerByTheirNumberInAnyWrittenForm) {
    const CustomerId reza = customer("Reza Karimi", "0912 345 6789");  // stored as dialled at home
    const std::string output =
        run(log_call("+98 912 345 6789", "answered",
                     {"--notes", "asked about his order", "--recording",
                      "https://recordings.example.com/1.mp3", "--agent", "sara"},
                     "inbound"));
    EXPECT_EQ(output, "call logged as interaction #1 for customer #" + std::to_string(reza) + "\n");
    const Interaction call = w().interactions().get(1);
    EXPECT_EQ(call.customer_id, reza);
    EXPECT_EQ(call.channel, "phone");
    EXPECT_EQ(call.kind, "call");
    EXPECT_EQ(call.direction, Direction::inbound);
    EXPECT_EQ(call.outcome, "answered");
    EXPECT_EQ(call.text, "asked about his order");
    EXPECT_EQ(format_time(call.at), "2026-11-20T10:00:00Z");
    SQLite::Statement row(w().database().sql(),
                          "SELECT number, duration_seconds, agent, recording_url FROM "
                          "channel_phone_calls WHERE interaction_id = 1");
    ASSERT_TRUE(row.executeStep());
    EXPECT_EQ(row.getColumn(0).getString(), "+989123456789");
    EXPECT_EQ(row.getColumn(1).getInt(), 125);
    EXPECT_EQ(row.getColumn(2).getString(), "sara");
    EXPECT_EQ(row.getColumn(3).getString(), "https://recordings.example.com/1.mp3");
}

TEST_F(CallsTest, BadInputIsRefusedWithTheReasonAndNothingIsWritten) {
    customer("Reza Karimi", "+989123456789");
    EXPECT_EQ(refusal(log_call("0912 345", "answered")),
              "'0912 345' is not a valid phone number: it is not a number in IR's numbering plan "
              "(numbers without a country code are read as IR)");
    EXPECT_EQ(refusal(log_call("+989123456780", "answered")),
              "no customer has the phone number +989123456780; add it to the customer, or give "
              "--customer ID");
    EXPECT_EQ(
        refusal(log_call("+989123456789", "hung-up")),
        "'hung-up' is not a call outcome; use answered, no-answer, busy, voicemail or failed");
    EXPECT_EQ(refusal(log_call("+989123456789", "answered", {"--recording", "ftp://x"})),
              "'ftp://x' is not a recording link; give an http:// or https:// URL");
    EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM channel_phone_calls"), 0);
    // A number no customer has yet can be logged against one named by hand.
    const CustomerId other = customer("Sara Ahmadi", "");
    run(log_call("+989123456780", "busy", {"--customer", std::to_string(other)}));
    EXPECT_EQ(w().interactions().get(1).customer_id, other);
}

TEST_F(CallsTest, QueueListsOpenCallTasksByDueTimeThenPriority) {
    const CustomerId reza = customer("Reza Karimi", "+989123456789");
    const CustomerId sara = customer("Sara Ahmadi", "09351234567");
    const auto schedule = [&](CustomerId who, const std::string& due, const std::string& priority) {
        return std::stoll(run({"calls", "schedule", std::to_string(who), "--script",
                               "Ask about the renewal", "--due", due, "--priority", priority}));
    };
    const auto late = schedule(reza, "2026-11-22T09:00:00Z", "high");
    const auto normal = schedule(sara, "2026-11-21T09:00:00Z", "normal");
    const auto urgent = schedule(reza, "2026-11-21T09:00:00Z", "high");
    const auto queue = nlohmann::json::parse(run({"calls", "queue", "--json"}));
    ASSERT_EQ(queue.size(), 3u);
    EXPECT_EQ(queue[0]["task"], urgent);
    EXPECT_EQ(queue[1]["task"], normal);
    EXPECT_EQ(queue[2]["task"], late);
    EXPECT_EQ(queue[0]["number"], "+989123456789");
    EXPECT_EQ(queue[1]["number"], "+989351234567");
    EXPECT_EQ(queue[1]["priority"], "normal");
    EXPECT_EQ(queue[0]["agent"], "sara") << "calls.default_assignee";
    EXPECT_EQ(queue[0]["script"], "Ask about the renewal");
    EXPECT_EQ(w().tasks().get(urgent).title, "Call Reza Karimi on +989123456789");

    // Unanswered, the task stays; answered, the most urgent one of that customer is done.
    EXPECT_EQ(run(log_call("+989123456789", "no-answer")),
              "call logged as interaction #1 for customer #" + std::to_string(reza) +
                  "\ncall task #" + std::to_string(urgent) +
                  " stays open: the call was not answered\n");
    EXPECT_FALSE(w().tasks().get(urgent).done);
    run(log_call("+989123456789", "answered"));
    const Task done = w().tasks().get(urgent);
    EXPECT_TRUE(done.done);
    EXPECT_EQ(format_time(*done.done_at), "2026-11-20T10:02:05Z");
    const auto after = nlohmann::json::parse(run({"calls", "queue", "--json"}));
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[0]["task"], normal);
    EXPECT_EQ(after[1]["task"], late);
}

TEST_F(CallsTest, ScheduleRefusesACustomerWithoutAPhoneAndReadsScriptFiles) {
    const CustomerId nobody = customer("No Phone", "");
    EXPECT_EQ(
        refusal(
            {"calls", "schedule", std::to_string(nobody), "--script", "hi", "--due", "2026-11-21"}),
        "customer #" + std::to_string(nobody) + " (No Phone) has no phone number; add one first");
    EXPECT_EQ(count("SELECT COUNT(*) FROM tasks"), 0);
    const CustomerId reza = customer("Reza Karimi", "+989123456789");
    const auto script = ws_.dir() / "script.txt";
    std::ofstream(script) << "1. Greet\n2. Offer the upgrade\n";
    run({"calls", "schedule", std::to_string(reza), "--script", script.string(), "--due",
         "2026-11-21", "--agent", "omid"});
    const auto queue = nlohmann::json::parse(run({"calls", "queue", "--json"}));
    ASSERT_EQ(queue.size(), 1u);
    EXPECT_EQ(queue[0]["script"], "1. Greet\n2. Offer the upgrade\n");
    EXPECT_EQ(queue[0]["agent"], "omid");
}

TEST_F(CallsTest, CallsAreExportedAndErasedWithTheCustomer) {
    const CustomerId reza = customer("Reza Karimi", "+989123456789");
    run({"calls", "schedule", std::to_string(reza), "--script", "hi", "--due", "2026-11-21"});
    run(log_call("+989123456789", "voicemail", {"--recording", "https://r.example.com/9"}));
    const auto exported = w().privacy().export_personal(reza, "test")["plugins"]["channel-phone"];
    ASSERT_EQ(exported["calls"].size(), 1u);
    EXPECT_EQ(exported["calls"][0]["recording_url"], "https://r.example.com/9");
    EXPECT_EQ(exported["calls"][0]["outcome"], "voicemail");
    ASSERT_EQ(exported["call_tasks"].size(), 1u);
    EXPECT_EQ(exported["call_tasks"][0]["script"], "hi");
    w().privacy().erase(reza, "test");
    EXPECT_EQ(count("SELECT COUNT(*) FROM channel_phone_calls"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM channel_phone_call_tasks"), 0);
}

struct CommandResult {
    int exit_code = 0;
    std::string out;
};

// The installed `moshtari` binary on the test's configuration: standard output and exit code
// (standard error goes to the test log).
CommandResult moshtari(const std::filesystem::path& config, const std::string& args) {
    const std::string command =
        std::string(MOSHTARI_BINARY) + " --config '" + config.string() + "' " + args;
    FILE* pipe = ::popen(command.c_str(), "r");
    CommandResult result;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        result.out.append(buffer, n);
    }
    result.exit_code = WEXITSTATUS(::pclose(pipe));
    return result;
}

TEST_F(CallsTest, AMergedCustomersCallsAndCallTasksFollowTheSurvivor) {
    const CustomerId survivor = customer("Reza Karimi", "+989123456789");
    const CustomerId merged = customer("R. Karimi", "+989351234567");
    run({"calls", "schedule", std::to_string(merged), "--script", "hi", "--due", "2026-11-21"});
    run(log_call("+989351234567", "busy"));
    w().merges().merge(survivor, merged, "test");
    const auto exported =
        w().privacy().export_personal(survivor, "test")["plugins"]["channel-phone"];
    EXPECT_EQ(exported["calls"].size(), 1u);
    EXPECT_EQ(exported["call_tasks"].size(), 1u);
    const auto queue = nlohmann::json::parse(run({"calls", "queue", "--json"}));
    ASSERT_EQ(queue.size(), 1u);
    EXPECT_EQ(queue[0]["customer"], survivor);
}

TEST_F(CallsTest, TheMoshtariCommandLogsAndListsCalls) {
    const CustomerId reza = customer("Reza Karimi", "+989123456789");
    const auto config = ws_.config_file();
    const auto refused = moshtari(config,
                                  "calls log --number '0912 345' --direction inbound --start "
                                  "2026-11-20T10:00:00Z --duration 5 --outcome answered 2>&1");
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.out.find("'0912 345' is not a valid phone number: it is not a number in IR's "
                               "numbering plan"),
              std::string::npos)
        << refused.out;
    const auto scheduled = moshtari(config, "calls schedule " + std::to_string(reza) +
                                                " --script 'Offer the upgrade' --due 2026-11-21");
    EXPECT_EQ(scheduled.exit_code, 0);
    const auto queue = moshtari(config, "calls queue --json");
    ASSERT_EQ(queue.exit_code, 0);
    const auto listed = nlohmann::json::parse(queue.out);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["task"], std::stoll(scheduled.out));
    const auto logged = moshtari(config,
                                 "calls log --number 09123456789 --direction outbound --start "
                                 "2026-11-20T10:00:00Z --duration 60 --outcome answered");
    EXPECT_EQ(logged.exit_code, 0);
    EXPECT_EQ(logged.out, "call logged as interaction #1 for customer #" + std::to_string(reza) +
                              "\ncall task #" + scheduled.out.substr(0, scheduled.out.size() - 1) +
                              " is done\n");
    EXPECT_EQ(moshtari(config, "calls queue --json").out, "[]\n");
}

TEST(ChannelPhoneConfig, ASectionMistakeStopsTheWorkspaceWithItsLine) {
    // config_refusal: the workspace's own folder, and its moshtari.yaml, are gone once it threw.
    const auto refusal = moshtari::testing::config_refusal(
        {MOSHTARI_PLUGIN_DIR}, "channel-phone:\n  calls: {default_prio: high}\n", {});
    ASSERT_EQ(refusal.problems, 1u);
    EXPECT_EQ(refusal.message,
              "unknown key 'default_prio' in channel-phone.calls; did you mean "
              "'default_priority'?");
    std::istringstream file(refusal.text);
    std::string line;
    for (int i = 0; i < refusal.line; ++i) std::getline(file, line);
    EXPECT_EQ(line.substr(static_cast<std::size_t>(refusal.column - 1)), "default_prio: high}");
}

TEST(ChannelPhoneConfig, AMistakeInAProfileFileIsReportedAtTheProfilesLine) {
    const moshtari::testing::TempDir dir("channel-phone-bad-profile");
    std::ofstream(dir / "acme.yaml") << "base_url: https://sms.example.com\npath: /send\n"
                                        "body: {encoding: xml, fields: {to: '{to}'}}\n"
                                        "response: {id: /id}\n";
    try {
        moshtari::testing::TestWorkspace ws(
            {MOSHTARI_PLUGIN_DIR},
            "channel-phone:\n  sms: {profile: " + (dir / "acme.yaml").string() + "}\n");
        FAIL() << "the workspace opened";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 1u);
        EXPECT_EQ(error.problems()[0].to_string(),
                  (dir / "acme.yaml").string() +
                      ":3:18: body.encoding: 'xml' is not a body encoding; use form or json");
    }
}

}  // namespace
}  // namespace moshtari::channel_phone
