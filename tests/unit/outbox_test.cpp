// The outbox against a real SQLite file and the real file-channel plugin: queueing, idempotency,
// states and their events, backoff, retry and cancel, suppression, counts, quiet hours, rate
// limits.

#include <regex>

#include "fixtures/outbox_workspace.hpp"
#include "moshtari/config_error.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/privacy_store.hpp"

namespace moshtari {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TEST_F(OutboxTest, QueueingTheSameKeyAgainReturnsTheFirstMessageAcrossRestarts) {
    open();
    const CustomerId ana = customer();
    const MessageId first = queue(ana, "welcome/1");
    EXPECT_EQ(queue(ana, "welcome/1"), first);
    test().reopen();
    EXPECT_EQ(queue(ana, "welcome/1"), first);
    EXPECT_EQ(queue(ana, "welcome/2"), first + 1);
    EXPECT_EQ(events("MessageQueued").size(), 2u) << "one event per message, not per call";
    {
        Transaction tx(ws().database());
        const auto again =
            ws().outbox().queue({"email", ana, MessagePurpose::marketing, "welcome/1", {}, {}, {}});
        EXPECT_EQ(again.id, first);
        EXPECT_FALSE(again.created) << "callers report it as queued before";
        EXPECT_TRUE(ws().outbox()
                        .queue({"email", ana, MessagePurpose::marketing, "welcome/3", {}, {}, {}})
                        .created);
    }

    EXPECT_EQ(ws().deliver_messages(now()).sent, 2u);
    EXPECT_EQ(queue(ana, "welcome/1"), first);
    EXPECT_EQ(ws().deliver_messages(now() + minutes{5}).total(), 0u);
    EXPECT_EQ(hand_overs_by_message(), (std::map<MessageId, int>{{first, 1}, {first + 1, 1}}));
}

TEST_F(OutboxTest, QueueRefusesWhatCannotBeSent) {
    open();
    const CustomerId ana = customer();
    MessageRequest request;
    request.channel = "email";
    request.customer_id = ana;
    request.idempotency_key = "k";
    EXPECT_THROW(ws().outbox().queue(request), std::logic_error) << "outside a transaction";

    Transaction tx(ws().database());
    request.channel = "pigeon";
    try {
        ws().outbox().queue(request);
        FAIL() << "an unknown channel was accepted";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("running channels: email"), std::string::npos)
            << e.what();
    }
    request.channel = "email";
    request.idempotency_key.clear();
    EXPECT_THROW(ws().outbox().queue(request), UserError);
    request.idempotency_key = "k";
    request.customer_id = 999;
    EXPECT_THROW(ws().outbox().queue(request), NotFound);
}

TEST_F(OutboxTest, AMessageRollsBackWithTheTransactionThatQueuedIt) {
    open();
    const CustomerId ana = customer();
    {
        Transaction tx(ws().database());
        MessageRequest request{"email", ana, MessagePurpose::marketing, "lost", {}, {}, {}};
        ws().outbox().queue(request);
    }
    EXPECT_TRUE(ws().outbox().list({}).empty());
    EXPECT_TRUE(events("MessageQueued").empty());
}

TEST_F(OutboxTest, MessageIdIsStableAndNamesTheConfiguredHost) {
    open({}, "outbox:\n  message_id_host: mail.example.com\n");
    const MessageId id = queue(customer(), "receipt/7");
    const auto m = message(id);
    EXPECT_TRUE(
        std::regex_match(m.message_id, std::regex(R"(<1\.[0-9a-f]{16}@mail\.example\.com>)")))
        << m.message_id;
    ws().deliver_messages(now());
    ASSERT_EQ(handed_over().size(), 1u);
    EXPECT_EQ(handed_over()[0]["message_id"], m.message_id);
}

TEST_F(OutboxTest, ASentMessageIsOnTheCustomersTimelineWithEveryTransitionAnEvent) {
    open();
    const CustomerId ana = customer();
    const MessageId id = queue(ana, "welcome/ana");
    EXPECT_EQ(message(id).state, MessageState::queued);
    const Timestamp at = now();
    const auto report = ws().deliver_messages(at);
    EXPECT_EQ(report.sent, 1u);

    const auto m = message(id);
    EXPECT_EQ(m.state, MessageState::sent);
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.address, "ana@example.com") << "resolved at send time from the primary contact";
    EXPECT_EQ(m.provider_id, "file-" + std::to_string(id));
    ASSERT_TRUE(m.sent_at);
    EXPECT_EQ(*m.sent_at, at);
    ASSERT_TRUE(m.interaction_id);
    const Interaction interaction = ws().interactions().get(*m.interaction_id);
    EXPECT_EQ(interaction.customer_id, ana);
    EXPECT_EQ(interaction.channel, "email");
    EXPECT_EQ(interaction.direction, Direction::outbound);
    EXPECT_EQ(interaction.kind, "message");
    EXPECT_NE(interaction.text.find("#" + std::to_string(id)), std::string::npos);

    const auto all = ws().event_log().read_after(0, 1000);
    std::vector<std::string> outbox_types;
    for (const auto& e : all) {
        if (e.type.starts_with("Message") || e.type == "InteractionLogged")
            outbox_types.push_back(e.type);
    }
    EXPECT_EQ(outbox_types, (std::vector<std::string>{"MessageQueued", "MessageSending",
                                                      "InteractionLogged", "MessageSent"}));
    const auto sent = events("MessageSent")[0].as<events::MessageSent>();
    EXPECT_EQ(sent.message_id, id);
    EXPECT_EQ(sent.interaction_id, *m.interaction_id);
}

TEST_F(OutboxTest, RetryableFailuresBackOffExponentiallyThenGoDead) {
    open("  fail_times: 10\n",
         "outbox:\n  max_attempts: 3\n  backoff_base_seconds: 60\n  backoff_cap_seconds: 90\n");
    const MessageId id = queue(customer(), "k");
    const Timestamp t0 = now();

    EXPECT_EQ(ws().deliver_messages(t0).retrying, 1u);
    auto m = message(id);
    EXPECT_EQ(m.state, MessageState::failed);
    EXPECT_EQ(m.last_error, "421 try again later");
    EXPECT_GE(m.next_attempt_at, t0 + seconds{30}) << "half of base, at least";
    EXPECT_LE(m.next_attempt_at, t0 + seconds{60});
    EXPECT_EQ(ws().deliver_messages(t0 + seconds{29}).total(), 0u) << "not due yet";

    const Timestamp t1 = t0 + seconds{61};
    EXPECT_EQ(ws().deliver_messages(t1).retrying, 1u);
    m = message(id);
    EXPECT_EQ(m.attempts, 2);
    EXPECT_GE(m.next_attempt_at, t1 + seconds{45}) << "base*2 = 120, capped at 90, half of it";
    EXPECT_LE(m.next_attempt_at, t1 + seconds{90});

    EXPECT_EQ(ws().deliver_messages(t1 + seconds{91}).dead, 1u);
    m = message(id);
    EXPECT_EQ(m.state, MessageState::dead);
    EXPECT_EQ(m.attempts, 3);
    EXPECT_EQ(ws().deliver_messages(t1 + hours{10}).total(), 0u) << "dead stays dead";

    const auto failed = events("MessageFailed");
    ASSERT_EQ(failed.size(), 3u);
    EXPECT_FALSE(failed[0].as<events::MessageFailed>().dead);
    EXPECT_GT(failed[0].as<events::MessageFailed>().retry_at, 0);
    EXPECT_TRUE(failed[2].as<events::MessageFailed>().dead);
    EXPECT_EQ(failed[2].as<events::MessageFailed>().attempt, 3);
    EXPECT_EQ(hand_overs_by_message()[id], 3);
}

TEST_F(OutboxTest, RetryQueuesADeadMessageAfreshAndCancelStopsAQueuedOne) {
    open("  fail_times: 1\n", "outbox:\n  max_attempts: 1\n");
    const CustomerId ana = customer();
    const MessageId dead = queue(ana, "dies");
    const MessageId waiting = queue(ana, "waits");
    ws().outbox().cancel(waiting);
    EXPECT_EQ(message(waiting).state, MessageState::cancelled);
    EXPECT_THROW(ws().outbox().cancel(waiting), UserError);
    EXPECT_THROW(ws().outbox().retry(waiting), UserError) << "a cancelled message stays cancelled";

    EXPECT_EQ(ws().deliver_messages(now()).dead, 1u);
    EXPECT_THROW(ws().outbox().cancel(dead), UserError);
    ws().outbox().retry(dead);
    auto m = message(dead);
    EXPECT_EQ(m.state, MessageState::queued);
    EXPECT_EQ(m.attempts, 0);
    EXPECT_EQ(ws().deliver_messages(now()).sent, 1u) << "the fixture fails only the first time";
    EXPECT_THROW(ws().outbox().retry(dead), UserError) << "a sent message is never sent again";
    EXPECT_THROW(ws().outbox().retry(12345), NotFound);
    EXPECT_EQ(hand_overs_by_message(), (std::map<MessageId, int>{{dead, 2}}));
    EXPECT_EQ(events("MessageCancelled").size(), 1u);
    const auto queued = events("MessageQueued");
    ASSERT_EQ(queued.size(), 3u);
    EXPECT_TRUE(queued[2].as<events::MessageQueued>().retried);
}

TEST_F(OutboxTest, ASuppressedAddressGetsNothingEvenTransactional) {
    open();
    const MessageId id =
        queue(customer("ana@example.com"), "receipt", MessagePurpose::transactional);
    ws().outbox().suppress("email", "ANA@example.com", "hard bounce");
    EXPECT_TRUE(ws().outbox().is_suppressed("email", "ana@example.com"));
    EXPECT_FALSE(ws().outbox().is_suppressed("sms", "ana@example.com"));

    EXPECT_EQ(ws().deliver_messages(now()).skipped, 1u);
    const auto m = message(id);
    EXPECT_EQ(m.state, MessageState::skipped);
    EXPECT_EQ(m.last_error, "address suppressed on email: hard bounce");
    EXPECT_TRUE(handed_over().empty());
    const auto skipped = events("MessageSkipped");
    ASSERT_EQ(skipped.size(), 1u);
    EXPECT_EQ(skipped[0].as<events::MessageSkipped>().reason, m.last_error);
}

TEST_F(OutboxTest, ConsentBindsMarketingOnlyAndAMissingAddressIsSkipped) {
    open();
    const CustomerId never_agreed = customer("bob@example.com", {}, /*consent=*/false);
    const CustomerId no_email = customer("", {}, true);
    const MessageId promo = queue(never_agreed, "promo");
    const MessageId receipt = queue(never_agreed, "receipt", MessagePurpose::transactional);
    const MessageId nowhere = queue(no_email, "nowhere", MessagePurpose::transactional);

    const auto report = ws().deliver_messages(now());
    EXPECT_EQ(report.sent, 1u);
    EXPECT_EQ(report.skipped, 2u);
    EXPECT_EQ(message(promo).last_error, "no consent for email (never given or withdrawn)");
    EXPECT_EQ(message(receipt).state, MessageState::sent);
    EXPECT_EQ(message(nowhere).last_error, "no email address");
}

TEST_F(OutboxTest, CountsAndListsByState) {
    open();
    const CustomerId ana = customer();
    queue(ana, "a");
    const MessageId b = queue(ana, "b");
    queue(customer("bob@example.com", {}, false), "c");
    ws().outbox().cancel(b);
    ws().deliver_messages(now());
    const auto counts = ws().outbox().counts();
    EXPECT_EQ(counts.at(MessageState::sent), 1);
    EXPECT_EQ(counts.at(MessageState::cancelled), 1);
    EXPECT_EQ(counts.at(MessageState::skipped), 1);
    EXPECT_EQ(counts.at(MessageState::queued), 0);
    EXPECT_EQ(counts.size(), 7u) << "every state, zero or not";

    EXPECT_EQ(ws().outbox().list({MessageState::sent, {}, {}, 100}).size(), 1u);
    EXPECT_EQ(ws().outbox().list({{}, {}, ana, 100}).size(), 2u);
    EXPECT_EQ(ws().outbox().list({{}, std::string("sms"), {}, 100}).size(), 0u);
    EXPECT_EQ(ws().outbox().list({{}, {}, {}, 1}).front().id, 3) << "newest first";
}

// 2030-01-15 19:00 UTC is 22:30 in Tehran (UTC+3:30, inside 21:00-08:00) and 20:00 in Berlin.
constexpr const char* kQuietHours = R"yaml(
outbox:
  time_zone: Asia/Tehran
  channels:
    email:
      quiet_hours: {start: "21:00", end: "08:00"}
)yaml";

TEST_F(OutboxTest, QuietHoursHoldMarketingUntilTheyEndInTheCustomersZone) {
    open({}, kQuietHours);
    const Timestamp evening = *parse_time("2030-01-15T19:00:00Z");
    const MessageId tehran = queue(customer("tehran@example.com", "Asia/Tehran"), "t");
    const MessageId berlin = queue(customer("berlin@example.com", "Europe/Berlin"), "b");
    const MessageId unknown_zone = queue(customer("x@example.com", "Mars/Olympus"), "x");
    const MessageId receipt =
        queue(customer("r@example.com", "Asia/Tehran"), "r", MessagePurpose::transactional);

    const auto report = ws().deliver_messages(evening);
    EXPECT_EQ(report.sent, 2u) << "Berlin is at 20:00; receipts ignore quiet hours";
    EXPECT_EQ(report.deferred, 2u) << "Tehran, and the unknown zone falling back to Tehran";
    EXPECT_EQ(message(berlin).state, MessageState::sent);
    EXPECT_EQ(message(receipt).state, MessageState::sent);

    const auto held = message(tehran);
    EXPECT_EQ(held.state, MessageState::queued);
    EXPECT_EQ(held.attempts, 0) << "waiting out quiet hours is not an attempt";
    EXPECT_EQ(held.next_attempt_at, *parse_time("2030-01-16T04:30:00Z")) << "08:00 in Tehran";
    EXPECT_EQ(message(unknown_zone).next_attempt_at, held.next_attempt_at);

    EXPECT_EQ(ws().deliver_messages(*parse_time("2030-01-16T04:29:00Z")).total(), 0u);
    EXPECT_EQ(ws().deliver_messages(*parse_time("2030-01-16T04:30:00Z")).sent, 2u);
}

TEST_F(OutboxTest, QuietHoursFollowDaylightSavingTime) {
    // New York leaves daylight saving time on 2030-11-03: quiet until 08:00 EST is 13:00 UTC.
    open({},
         "outbox:\n  channels:\n    email:\n      quiet_hours: {start: \"22:00\", end: "
         "\"08:00\"}\n");
    const MessageId id = queue(customer("ny@example.com", "America/New_York"), "ny");
    EXPECT_EQ(ws().deliver_messages(*parse_time("2030-11-03T03:00:00Z")).deferred, 1u)
        << "23:00 EDT";
    EXPECT_EQ(message(id).next_attempt_at, *parse_time("2030-11-03T13:00:00Z"));
}

TEST_F(OutboxTest, RateLimitHoldsTheRestForTheNextMinute) {
    open({}, "outbox:\n  channels:\n    email:\n      rate_per_minute: 2\n");
    const CustomerId ana = customer();
    for (int i = 0; i < 5; ++i) queue(ana, "m" + std::to_string(i));
    const Timestamp t0 = now();
    EXPECT_EQ(ws().deliver_messages(t0).sent, 2u);
    EXPECT_EQ(ws().outbox().counts().at(MessageState::queued), 3);
    test().reopen();  // another process sees the same window: it is computed from the table
    EXPECT_EQ(ws().deliver_messages(t0 + seconds{30}).sent, 0u);
    EXPECT_EQ(ws().deliver_messages(t0 + seconds{61}).sent, 2u);
    EXPECT_EQ(ws().deliver_messages(t0 + seconds{122}).sent, 1u);
    EXPECT_EQ(handed_over().size(), 5u);
}

TEST_F(OutboxTest, MergingMovesMessagesExportShowsThemAndErasingRemovesThem) {
    open();
    const CustomerId ana = customer("ana@example.com");
    const CustomerId copy = customer("ana.copy@example.com");
    queue(ana, "a");
    const MessageId moved = queue(copy, "b");
    ws().merges().merge(ana, copy, "test");
    EXPECT_EQ(message(moved).customer_id, ana);

    ws().deliver_messages(now());
    const auto exported = ws().privacy().export_personal(ana, "test");
    ASSERT_EQ(exported["messages"].size(), 2u);
    EXPECT_EQ(exported["messages"][0]["id"], moved);
    EXPECT_EQ(exported["messages"][0]["address"], "ana@example.com")
        << "resolved at send time, from the survivor's primary contact";
    EXPECT_EQ(exported["messages"][0]["content"]["subject"], "Hello b");
    ws().privacy().erase(ana, "test");
    EXPECT_TRUE(ws().outbox().list({}).empty()) << "the address and content were personal data";
    EXPECT_EQ(events("MessageSent").size(), 2u) << "the events name nobody and stay";
}

TEST_F(OutboxTest, PacingForAChannelNoPluginProvidesIsRefusedWhereItIsWritten) {
    try {
        open({}, "outbox:\n  channels:\n    emial: {rate_per_minute: 5}\n");
        ADD_FAILURE() << "a misspelt channel was accepted";
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what())
                      .find("moshtari.yaml:10:5: unknown key 'emial' in outbox.channels; expected "
                            "one of: email"),
                  std::string::npos)
            << error.what();
    }
}

// A server's words about a message may quote the address, so erasure blanks them in the log too.
TEST_F(OutboxTest, ErasingBlanksWhatServersAndChecksSaidAboutTheCustomersMessages) {
    open("  reject: true\n");
    const CustomerId ana = customer("ana@example.com");
    queue(ana, "a");
    ws().deliver_messages(now());
    ws().customers().record_consent(ana, Consent{"email", false, now(), "unsubscribe link"});
    queue(ana, "b");
    ws().deliver_messages(now());
    ASSERT_EQ(events("MessageFailed").at(0).payload["error"], "550 no such user");
    ASSERT_NE(events("MessageSkipped").at(0).payload["reason"], "");

    ws().privacy().erase(ana, "test");
    EXPECT_EQ(events("MessageFailed").at(0).payload["error"], "");
    EXPECT_EQ(events("MessageSkipped").at(0).payload["reason"], "");
}

}  // namespace
}  // namespace moshtari
