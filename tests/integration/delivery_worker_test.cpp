// The delivery worker driving the real file-channel plugin through the real host: a worker killed
// between handing over and recording, consent withdrawn after queueing, two workers on one
// database, rejections, and channel registration.

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <SQLiteCpp/Database.h>

#include "fixtures/outbox_workspace.hpp"
#include "moshtari/database.hpp"
#include "moshtari/events.hpp"
#include "moshtari/plugin_host.hpp"

namespace moshtari {
namespace {

// Runs `work` in a forked process with its own workspace on the same files; returns its pid.
template <class Work>
pid_t in_worker_process(const std::filesystem::path& config, Work work) {
    const pid_t child = ::fork();
    if (child == 0) {
        auto worker = Workspace::open(config);
        work(*worker);
        ::_exit(0);
    }
    return child;
}

int exit_code_of(pid_t child) {
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

using DeliveryWorkerTest = OutboxTest;

// Killed inside a batch of three, after the channel reported the first message and while it
// handed over the second: the first stays sent, and only the second goes again.
TEST_F(DeliveryWorkerTest, KilledAfterHandingOverItResendsThatMessageOnceWithTheSameMessageId) {
    const auto marker = files_ / "crash";
    open("  crash_marker: \"" + marker.string() + "\"\n  crash_after: 2\n");
    const CustomerId ana = customer();
    const MessageId first = queue(ana, "a");
    const MessageId second = queue(ana, "b");
    const MessageId third = queue(ana, "c");
    std::ofstream(marker) << "die after the second hand-over\n";

    const pid_t child =
        in_worker_process(test().config_file(), [](Workspace& w) { w.deliver_messages(now()); });
    ASSERT_EQ(exit_code_of(child), 9) << "the worker did not die inside deliver()";
    ASSERT_EQ(handed_over().size(), 2u);
    EXPECT_EQ(message(first).state, MessageState::sent) << "recorded before the next hand-over";
    EXPECT_EQ(message(second).state, MessageState::sending) << "handed over, never recorded";
    std::filesystem::remove(marker);

    test().reopen();
    const auto report = ws().deliver_messages(now());
    EXPECT_EQ(report.sent, 2u);
    EXPECT_EQ(hand_overs_by_message(),
              (std::map<MessageId, int>{{first, 1}, {second, 2}, {third, 1}}));
    const auto lines = handed_over();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[1]["id"], second);
    EXPECT_EQ(lines[2]["id"], second) << "the interrupted message goes first";
    EXPECT_EQ(lines[2]["message_id"], lines[1]["message_id"]) << "so the receiver can drop it";
    EXPECT_EQ(lines[2]["attempt"], 2);

    const auto resend = events("MessageSending");
    ASSERT_EQ(resend.size(), 5u);  // three claims by the killed worker, two by the restarted one
    EXPECT_TRUE(resend[3].as<events::MessageSending>().resend);

    EXPECT_EQ(ws().deliver_messages(now() + std::chrono::hours{1}).total(), 0u);
    EXPECT_EQ(handed_over().size(), 4u) << "never more than that one resend";
    EXPECT_EQ(ws().outbox().counts().at(MessageState::sent), 3);
}

TEST_F(DeliveryWorkerTest, AMessageAnotherLiveWorkerHoldsIsNotTakenUntilItsLeaseRunsOut) {
    open({}, "outbox:\n  lease_seconds: 60\n");
    const MessageId id = queue(customer(), "held");
    // A worker in this very process claimed it and is, as far as anyone can tell, still sending.
    ws().database().sql().exec(
        "UPDATE outbox_messages SET state = 'sending', attempts = 1, claimed_by = 'elsewhere:1', "
        "lease_until = " +
        std::to_string(to_unix(now()) + 60) + " WHERE id = " + std::to_string(id));
    EXPECT_EQ(ws().deliver_messages(now()).total(), 0u) << "held by another host's worker";
    EXPECT_TRUE(handed_over().empty());
    EXPECT_EQ(ws().deliver_messages(now() + std::chrono::seconds{61}).sent, 1u);
    EXPECT_EQ(hand_overs_by_message(), (std::map<MessageId, int>{{id, 1}}));
}

TEST_F(DeliveryWorkerTest, ConsentWithdrawnAfterQueueingSkipsWithTheReason) {
    open();
    const CustomerId ana = customer();
    const MessageId id = queue(ana, "newsletter/2026-11");
    ws().customers().record_consent(ana, Consent{"email", false, now(), "unsubscribe link"});

    const auto report = ws().deliver_messages(now());
    EXPECT_EQ(report.skipped, 1u);
    EXPECT_EQ(report.handed_over(), 0u);
    EXPECT_TRUE(handed_over().empty()) << "nothing reached the channel";
    const auto m = message(id);
    EXPECT_EQ(m.state, MessageState::skipped);
    EXPECT_EQ(m.last_error, "no consent for email (never given or withdrawn)");
    const auto skipped = events("MessageSkipped");
    ASSERT_EQ(skipped.size(), 1u);
    EXPECT_EQ(skipped[0].as<events::MessageSkipped>().message_id, id);
    EXPECT_EQ(skipped[0].as<events::MessageSkipped>().reason, m.last_error);
}

TEST_F(DeliveryWorkerTest, TwoWorkersAtOnceNeverDeliverAMessageTwice) {
    open({}, "outbox:\n  batch_size: 2\n");
    const CustomerId ana = customer();
    for (int i = 0; i < 30; ++i) queue(ana, "m" + std::to_string(i));

    const auto work = [](Workspace& w) { w.deliver_messages(now()); };
    const pid_t one = in_worker_process(test().config_file(), work);
    const pid_t two = in_worker_process(test().config_file(), work);
    EXPECT_EQ(exit_code_of(one), 0);
    EXPECT_EQ(exit_code_of(two), 0);

    const auto counts = hand_overs_by_message();
    EXPECT_EQ(counts.size(), 30u);
    for (const auto& [id, times] : counts) EXPECT_EQ(times, 1) << "message #" << id;
    EXPECT_EQ(ws().outbox().counts().at(MessageState::sent), 30);
    EXPECT_EQ(events("MessageSent").size(), 30u);
}

TEST_F(DeliveryWorkerTest, ARejectedMessageGoesDeadAtOnce) {
    open("  reject: true\n");
    const MessageId id = queue(customer(), "bounce");
    EXPECT_EQ(ws().deliver_messages(now()).dead, 1u);
    const auto m = message(id);
    EXPECT_EQ(m.state, MessageState::dead);
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.last_error, "550 no such user");
    EXPECT_TRUE(events("MessageFailed")[0].as<events::MessageFailed>().dead);
}

TEST_F(DeliveryWorkerTest, ADuplicateChannelFailsItsPluginAndWithdrawsItsOtherChannels) {
    test_ = std::make_unique<testing::TestWorkspace>(
        std::vector<std::filesystem::path>{MOSHTARI_CHANNEL_FIXTURE_PLUGIN_DIR,
                                           MOSHTARI_TWIN_CHANNEL_FIXTURE_PLUGIN_DIR},
        "file-channel:\n  deliveries_file: \"" + deliveries_.string() + "\"\n");
    const PluginInfo* twin = ws().plugins().find("twin-channel");
    ASSERT_NE(twin, nullptr);
    EXPECT_EQ(twin->state, PluginState::failed);
    EXPECT_NE(twin->error.find("wants the channel 'email', which plugin 'file-channel' already "
                               "registered"),
              std::string::npos)
        << twin->error;
    EXPECT_EQ(ws().channel("sms"), nullptr) << "registered before the failure, withdrawn with it";
    ASSERT_NE(ws().channel("email"), nullptr);
    EXPECT_EQ(ws().channel("email")->contact_kind(), ContactKind::email);
}

}  // namespace
}  // namespace moshtari
