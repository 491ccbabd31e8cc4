// `moshtari sms send` and the outbox's worker with the real plugin and a local server playing
// Kavenegar: delivery, retries after an outage delivering exactly once, consent, long texts.

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "moshtari/event_log.hpp"
#include "moshtari/outbox.hpp"
#include "phone_fixture.hpp"
#include "provider_server.hpp"

namespace moshtari::channel_phone {
namespace {

using testing::ProviderServer;

constexpr const char* kSent =
    R"({"return": {"status": 200, "message": "تایید شد"}, "entries": [{"messageid": 500{n}}]})";

std::string workspace_yaml(const ProviderServer& server, const std::string& sms_extra) {
    return "outbox: {max_attempts: 3, backoff_base_seconds: 60, backoff_cap_seconds: 600}\n"
           "channel-phone:\n"
           "  default_region: IR\n"
           "  sms:\n"
           "    profile: kavenegar\n"
           "    base_url: " +
           server.base_url() +
           "\n"
           "    from: '10004346'\n"
           "    credentials: {api_key: KEY-1}\n" +
           sms_extra;
}

// Holds the server, so that it is started before the workspace whose configuration names its port.
struct WithProvider {
    moshtari::testing::TempDir dir{"channel-phone-outbox"};
    ProviderServer provider{dir.path()};
};

class SmsOutboxTest : public WithProvider, public testing::PhoneWorkspaceTest {
  protected:
    explicit SmsOutboxTest(const std::string& sms_extra = "  max_parts: 2\n    timeout: 0.5\n")
        : PhoneWorkspaceTest(workspace_yaml(provider, "  " + sms_extra)) {
        provider.answer_by_default({200, kSent});
    }

    CustomerId with_consent(const std::string& name, const std::string& phone, bool sms) {
        const CustomerId id = customer(name, phone);
        w().customers().record_consent(id, {"sms", sms, now(), "test"});
        return id;
    }

    std::vector<OutboxMessage> messages() { return w().outbox().list(OutboxQuery{}); }
};

TEST_F(SmsOutboxTest, SendQueuesAndTheWorkerDeliversThroughTheProvider) {
    const CustomerId reza = with_consent("Reza Karimi", "0912 345 6789", true);
    EXPECT_EQ(run({"sms", "send", "--customer", std::to_string(reza), "--text", "سلام رضا"}),
              "queued 1 message for 1 customer; `moshtari outbox run` sends them\n");
    ASSERT_EQ(messages().size(), 1u);
    EXPECT_EQ(messages()[0].state, MessageState::queued);
    EXPECT_EQ(messages()[0].content["text"], "سلام رضا");
    EXPECT_EQ(messages()[0].content["parts"], 1);
    EXPECT_EQ(messages()[0].content["encoding"], "UCS-2");
    EXPECT_TRUE(provider.requests().empty()) << "nothing is sent inline";

    const DeliveryReport report = w().deliver_messages(now());
    EXPECT_EQ(report.sent, 1u);
    const auto sent = messages()[0];
    EXPECT_EQ(sent.state, MessageState::sent);
    EXPECT_EQ(sent.provider_id, "5001");
    const auto requests = provider.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0]["body"],
              "receptor=%2B989123456789&sender=10004346&message=%D8%B3%D9%84%D8%A7%D9%85%20%D8%B1%"
              "D8%B6%D8%A7&localid=" +
                  std::to_string(sent.id));
}

TEST_F(SmsOutboxTest, RetriesAfterAnOutageAndDeliversExactlyOnce) {
    const CustomerId reza = with_consent("Reza Karimi", "+989123456789", true);
    run({"sms", "send", "--customer", std::to_string(reza), "--text", "Your order shipped",
         "--transactional"});
    provider.script({{503, "down"}, {200, kSent, 2.0}});  // an outage, then a timeout
    const Timestamp start = now();
    EXPECT_EQ(w().deliver_messages(start).retrying, 1u);
    EXPECT_EQ(messages()[0].state, MessageState::failed);
    EXPECT_EQ(messages()[0].last_error, "HTTP 503: down");
    EXPECT_EQ(w().deliver_messages(start + std::chrono::minutes(15)).retrying, 1u);
    EXPECT_NE(messages()[0].last_error.find("no answer"), std::string::npos);
    EXPECT_EQ(w().deliver_messages(start + std::chrono::minutes(30)).sent, 1u);
    EXPECT_EQ(w().deliver_messages(start + std::chrono::hours(48)).total(), 0u);

    const auto message = messages()[0];
    EXPECT_EQ(message.state, MessageState::sent);
    EXPECT_EQ(message.attempts, 3);
    const auto requests = provider.requests();
    ASSERT_EQ(requests.size(), 3u);
    for (const auto& request : requests) {
        const std::string body = request["body"];
        EXPECT_TRUE(body.ends_with("&localid=" + std::to_string(message.id)))
            << "every attempt carries the same local id, so the provider can drop a copy";
    }
}

TEST_F(SmsOutboxTest, NothingGoesToACustomerWithoutSmsConsent) {
    const CustomerId no = with_consent("No Consent", "+989123456789", false);
    const CustomerId never = customer("Never Asked", "+989351234567");
    const CustomerId yes = with_consent("Yes Please", "+989121111111", true);
    for (const CustomerId id : {no, never, yes}) w().customers().add_tags(id, {"vip"});
    EXPECT_EQ(run({"sms", "send", "--tag", "vip", "--text", "Sale on Friday"}),
              "queued 3 messages for 3 customers; `moshtari outbox run` sends them\n");
    const DeliveryReport report = w().deliver_messages(now());
    EXPECT_EQ(report.sent, 1u);
    EXPECT_EQ(report.skipped, 2u);
    const auto requests = provider.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_NE(requests[0]["body"].get<std::string>().find("receptor=%2B989121111111"),
              std::string::npos);
    for (const auto& message : messages()) {
        if (message.customer_id == yes) continue;
        EXPECT_EQ(message.state, MessageState::skipped);
        EXPECT_NE(message.last_error.find("consent"), std::string::npos) << message.last_error;
    }
}

TEST_F(SmsOutboxTest, ACampaignKeyQueuesNothingTwiceAndBadRequestsGoDead) {
    const CustomerId reza = with_consent("Reza Karimi", "+989123456789", true);
    const std::vector<std::string> send{"sms",        "send", "--customer", std::to_string(reza),
                                        "--campaign", "nov",  "--text",     "Hi"};
    run(send);
    EXPECT_EQ(run(send),
              "queued 0 messages for 1 customer (1 queued before with the same campaign); "
              "`moshtari outbox run` sends them\n");
    ASSERT_EQ(messages().size(), 1u);
    provider.script({{200, R"({"return": {"status": 412, "message": "فرستنده نامعتبر است"}})"}});
    EXPECT_EQ(w().deliver_messages(now()).dead, 1u);
    EXPECT_EQ(messages()[0].state, MessageState::dead);
    EXPECT_EQ(messages()[0].last_error, "HTTP 200 (provider status 412): فرستنده نامعتبر است");
    EXPECT_EQ(provider.requests().size(), 1u);
}

TEST_F(SmsOutboxTest, ATextOverTheLimitIsRefused) {
    const CustomerId reza = with_consent("Reza Karimi", "+989123456789", true);
    EXPECT_EQ(refusal({"sms", "send", "--customer", std::to_string(reza), "--text",
                       std::string(135, 'x') + "ç"}),
              "the text is 136 UCS-2 characters, 3 parts; channel-phone.sms.max_parts allows 2. "
              "Shorten it, or set channel-phone.sms.on_too_long: split");
    EXPECT_TRUE(messages().empty());
}

class SmsSplitTest : public SmsOutboxTest {
  protected:
    SmsSplitTest() : SmsOutboxTest("  max_parts: 1\n    on_too_long: split\n    timeout: 0.5\n") {}
};

TEST_F(SmsSplitTest, ALongTextGoesAsSeveralMessagesInOrder) {
    const CustomerId reza = with_consent("Reza Karimi", "+989123456789", true);
    std::string text;
    for (int i = 0; i < 30; ++i) text += "کلمه" + std::to_string(i) + " ";
    EXPECT_EQ(run({"sms", "send", "--customer", std::to_string(reza), "--text", text}),
              "queued 3 messages for 1 customer (the text split in 3); `moshtari outbox run` sends "
              "them\n");
    EXPECT_EQ(w().deliver_messages(now()).sent, 3u);
    const auto requests = provider.requests();
    ASSERT_EQ(requests.size(), 3u);
    auto listed = messages();
    std::sort(listed.begin(), listed.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    std::string joined;
    for (std::size_t i = 0; i < listed.size(); ++i) {
        EXPECT_EQ(listed[i].content["piece"], i + 1);
        EXPECT_EQ(listed[i].content["parts"], 1);
        joined += listed[i].content["text"].get<std::string>() + " ";
    }
    EXPECT_EQ(joined, text);
}

class SmsKillTest : public SmsOutboxTest {
  protected:
    SmsKillTest() : SmsOutboxTest("  timeout: 30\n") {}
};

TEST_F(SmsKillTest, AWorkerKilledMidSendResendsOnlyThatMessageWithTheSameLocalId) {
    for (const auto& [name, phone] :
         {std::pair{"Reza Karimi", "+989123456789"}, std::pair{"Sara Ahmadi", "+989351234567"}}) {
        w().customers().add_tags(with_consent(name, phone, true), {"vip"});
    }
    run({"sms", "send", "--tag", "vip", "--text", "Doors open at 9"});
    provider.script({{200, kSent, 60.0}});  // the first request hangs until the worker is killed

    const pid_t worker = fork();
    ASSERT_GE(worker, 0);
    if (worker == 0) {
        const std::string config = ws_.config_file().string();
        ::freopen("/dev/null", "w", stdout);
        execl(MOSHTARI_BINARY, "moshtari", "--config", config.c_str(), "outbox", "run", "--once",
              nullptr);
        _exit(127);
    }
    for (int i = 0; i < 400 && provider.requests().empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ::kill(worker, SIGKILL);
    ::waitpid(worker, nullptr, 0);
    const auto handed = provider.requests();
    ASSERT_EQ(handed.size(), 1u) << "the worker was killed inside the first request";

    // Once the killed worker's lease is over, another worker resends that one message and sends
    // the one it never reached.
    const DeliveryReport report = w().deliver_messages(now() + std::chrono::hours(1));
    EXPECT_EQ(report.sent, 2u);
    const auto requests = provider.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[1]["body"], handed[0]["body"]) << "the same receptor, text and localid";
    EXPECT_NE(requests[2]["body"], handed[0]["body"]);
    for (const auto& message : messages()) EXPECT_EQ(message.state, MessageState::sent);
}

}  // namespace
}  // namespace moshtari::channel_phone
