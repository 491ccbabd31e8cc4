// The SMTP server dies in the middle of a batch: the messages it did not take are retried when it
// is back, and every message arrives exactly once.

#include <map>
#include <set>

#include "email_fixture.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::email::testing {
namespace {

class Outage : public EmailTest {};

TEST_F(Outage, ServerKilledMidBatchThenBackDeliversEveryMessageExactlyOnce) {
    std::set<std::string> reachable;
    for (int i = 0; i < 6; ++i) {
        const std::string address = fmt::format("customer{}@example.org", i);
        w().customers().add_tags(add_customer(fmt::format("Customer {}", i), address), {"spring"});
        reachable.insert(address);
    }
    w().customers().add_tags(add_customer("Opted out", "opted-out@example.org", false), {"spring"});
    w().customers().add_tags(add_customer("Suppressed", "suppressed@example.org"), {"spring"});
    {
        Transaction transaction(w().database());
        w().outbox().suppress("email", "suppressed@example.org", "hard bounce 5.1.1");
        transaction.commit();
    }
    run({"email", "send", "--template", "welcome", "--tag", "spring", "--campaign", "spring"});

    // The server takes two messages, then dies while receiving the third.
    server_.kill();
    server_.start(2);
    const auto first = w().deliver_messages(now());
    EXPECT_EQ(first.sent, 2u);
    EXPECT_EQ(first.retrying, 4u);
    EXPECT_EQ(first.skipped, 2u);
    ASSERT_TRUE(server_.wait_until_dead());
    EXPECT_EQ(server_.messages().size(), 2u);
    const auto failed = w().outbox().list({MessageState::failed, std::string("email"), {}, 100});
    ASSERT_EQ(failed.size(), 4u);
    std::map<std::string, std::string> message_ids;  // address -> Message-ID at queue time
    for (const auto& message : w().outbox().list({std::nullopt, std::string("email"), {}, 100})) {
        message_ids[message.address] = message.message_id;
    }

    // Nothing is due until the backoff has passed; then the server is back.
    server_.start();
    EXPECT_EQ(w().deliver_messages(now()).total(), 0u);
    const auto second = w().deliver_messages(now() + std::chrono::hours{2});
    EXPECT_EQ(second.sent, 4u);
    EXPECT_EQ(w().deliver_messages(now() + std::chrono::hours{4}).total(), 0u);

    std::multiset<std::string> recipients;
    std::set<std::string> delivered_ids;
    for (const auto& raw : server_.messages()) {
        const std::string to = raw_header(raw, "To");
        const std::string address = to.substr(to.find('<') + 1, to.find('>') - to.find('<') - 1);
        recipients.insert(address);
        EXPECT_EQ(raw_header(raw, "Message-ID"), message_ids[address]) << address;
        delivered_ids.insert(raw_header(raw, "Message-ID"));
    }
    EXPECT_EQ(recipients.size(), 6u);
    EXPECT_EQ(std::set<std::string>(recipients.begin(), recipients.end()), reachable);
    EXPECT_EQ(delivered_ids.size(), 6u);
    EXPECT_EQ(w().outbox().counts().at(MessageState::sent), 6);
    EXPECT_EQ(w().outbox().counts().at(MessageState::skipped), 2);
}

TEST_F(Outage, AMessageStoredButNotAnsweredIsSentOnceMoreWithTheSameMessageId) {
    std::set<std::string> queued_ids;
    for (int i = 0; i < 3; ++i) {
        const CustomerId id =
            add_customer(fmt::format("Customer {}", i), fmt::format("customer{}@example.org", i));
        run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    }
    for (const auto& message : w().outbox().list({std::nullopt, std::string("email"), {}, 10})) {
        queued_ids.insert(message.message_id);
    }
    server_.kill();
    server_.start(2, CrashPoint::after_storing);
    const auto first = w().deliver_messages(now());
    EXPECT_EQ(first.sent, 1u);
    EXPECT_EQ(first.retrying, 2u);
    ASSERT_TRUE(server_.wait_until_dead());
    server_.start();
    EXPECT_EQ(w().deliver_messages(now() + std::chrono::hours{2}).sent, 2u);

    // The second message arrived twice, both times with its one Message-ID: a receiver that drops
    // a Message-ID it has seen keeps exactly one copy of each message.
    std::multiset<std::string> delivered;
    for (const auto& raw : server_.messages()) delivered.insert(raw_header(raw, "Message-ID"));
    EXPECT_EQ(delivered.size(), 4u);
    EXPECT_EQ(std::set<std::string>(delivered.begin(), delivered.end()), queued_ids);
    const auto twice =
        std::count_if(queued_ids.begin(), queued_ids.end(),
                      [&](const std::string& id) { return delivered.count(id) == 2; });
    EXPECT_EQ(twice, 1);
}

TEST_F(Outage, ServerDownBeforeTheBatchLeavesEveryMessageRetryable) {
    const CustomerId id = add_customer("Ali", "ali@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    server_.kill();
    const auto report = w().deliver_messages(now());
    EXPECT_EQ(report.retrying, 1u);
    const auto message = w().outbox().list({MessageState::failed, std::string("email"), id, 10});
    ASSERT_EQ(message.size(), 1u);
    EXPECT_NE(message.front().last_error.find("onnect"), std::string::npos)
        << message.front().last_error;
    server_.start();
    EXPECT_EQ(w().deliver_messages(now() + std::chrono::hours{2}).sent, 1u);
    EXPECT_EQ(server_.messages().size(), 1u);
}

}  // namespace
}  // namespace moshtari::email::testing
