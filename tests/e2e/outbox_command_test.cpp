// `moshtari outbox` over messages queued through the real file-channel plugin.

#include <fstream>

#include "e2e/cli_test.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::e2e {
namespace {

class OutboxCommand : public CliTest {
  protected:
    OutboxCommand() {
        write_config(std::string("workspace:\n  database: shop.db\nplugins:\n  paths: [\"") +
                     MOSHTARI_CHANNEL_FIXTURE_PLUGIN_DIR +
                     "\"]\nfile-channel:\n  deliveries_file: \"" +
                     (dir_ / "deliveries.jsonl").string() + "\"\n");
    }

    // Two messages for a customer who agreed to email, queued as a plugin would queue them.
    void queue_two() {
        auto ws = Workspace::open(dir_ / "moshtari.yaml");
        Customer ana;
        ana.name = "Ana";
        ana.contacts = {{ContactKind::email, "ana@example.com", "", true}};
        ana.consents = {{"email", true, now() - std::chrono::hours{1}, "web form"}};
        const CustomerId id = ws->customers().create(ana);
        Transaction tx(ws->database());
        for (const char* key : {"welcome/ana", "promo/ana"}) {
            ws->outbox().queue(MessageRequest{
                "email", id, MessagePurpose::marketing, key, {{"subject", key}}, {}, {}});
        }
        tx.commit();
    }

    std::int64_t count_of(const std::string& state) {
        return row_where(json({"outbox", "counts"}), "state", state)["messages"]
            .get<std::int64_t>();
    }
};

TEST_F(OutboxCommand, ListsShowsCancelsRunsAndCounts) {
    queue_two();
    EXPECT_EQ(count_of("queued"), 2);
    const auto queued = json({"outbox", "list", "--state", "queued"});
    ASSERT_EQ(queued.size(), 2u);
    EXPECT_EQ(queued[0]["id"], 2) << "newest first";
    EXPECT_EQ(queued[0]["channel"], "email");

    EXPECT_EQ(ok({"outbox", "cancel", "2"}), "message #2 is cancelled");
    const auto again = run({"outbox", "cancel", "2"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("message #2 is cancelled; only queued, failed messages"),
              std::string::npos)
        << again.err;

    EXPECT_EQ(ok({"outbox", "run", "--once"}),
              "messages: 1 sent, 0 to retry, 0 dead, 0 skipped, 0 waiting out quiet hours");
    const auto shown = json({"outbox", "show", "1"});
    EXPECT_EQ(shown["state"], "sent");
    EXPECT_EQ(shown["address"], "ana@example.com");
    EXPECT_EQ(shown["idempotency_key"], "welcome/ana");
    EXPECT_EQ(shown["interaction"], 1);
    EXPECT_EQ(shown["content"]["subject"], "welcome/ana") << "the content as JSON, not a string";
    EXPECT_EQ(count_of("sent"), 1);
    EXPECT_EQ(count_of("cancelled"), 1);
    EXPECT_EQ(json({"outbox", "list", "--customer", "1"}).size(), 2u);
    EXPECT_EQ(json({"outbox", "list", "--channel", "sms"}).size(), 0u);

    const auto retry = run({"outbox", "retry", "1"});
    EXPECT_EQ(retry.exit_code, 1) << "a sent message is never sent again";
    EXPECT_EQ(run({"outbox", "show", "9"}).exit_code, 1);
    const auto bad_state = run({"outbox", "list", "--state", "lost"});
    EXPECT_EQ(bad_state.exit_code, 1);
    EXPECT_NE(bad_state.err.find("use queued, sending"), std::string::npos) << bad_state.err;
}

TEST_F(OutboxCommand, AMalformedQuietHourIsReportedWhereItIsWritten) {
    std::ofstream(dir_ / "moshtari.yaml", std::ios::app)
        << "outbox:\n  channels:\n    email:\n      quiet_hours: {start: \"25:00\", end: "
           "\"08:00\"}\n  time_zone: Mars/Olympus\n";
    const auto result = run({"outbox", "counts"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("moshtari.yaml:10:28: outbox.channels.email.quiet_hours.start: "
                              "expected a local time of day as HH:MM"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("time zone 'Mars/Olympus' is not known"), std::string::npos)
        << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "shop.db"));
}

}  // namespace
}  // namespace moshtari::e2e
