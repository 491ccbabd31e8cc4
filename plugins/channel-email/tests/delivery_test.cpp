// The email channel against a real SMTP server: what arrives, byte for byte where it matters, and
// how the server's answers map to the outbox's states.

#include <set>

#include "email_fixture.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::email::testing {
namespace {

MessageId only_message(Workspace& w, CustomerId customer) {
    const auto messages = w.outbox().list({std::nullopt, std::string("email"), customer, 10});
    EXPECT_EQ(messages.size(), 1u);
    return messages.empty() ? 0 : messages.front().id;
}

// The raw bytes of the part after its header block, up to the CR LF before the next boundary.
std::string raw_part(const std::string& message, const std::string& part_headers) {
    const auto start = message.find(part_headers + "\r\n\r\n");
    if (start == std::string::npos) return {};
    const auto body = start + part_headers.size() + 4;
    return message.substr(body, message.find("\r\n--", body) - body);
}

class StartTlsDelivery : public EmailTest {};

TEST_F(StartTlsDelivery, MarketingMailArrivesWithEncodedHeadersBothPartsAndUnsubscribeFields) {
    Customer maryam;
    maryam.name = "مریم رضایی";
    maryam.given_name = "مریم";
    maryam.contacts = {{ContactKind::email, "maryam@example.org", "", true}};
    maryam.consents = {{"email", true, now(), "web form"}};
    maryam.attributes = {{"points", std::int64_t{1250}},
                         {"balance", std::int64_t{123450}},
                         {"member_since", std::string("2024-03-21")}};
    const CustomerId id = w().customers().create(maryam);

    const auto output =
        run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    EXPECT_NE(output.out.find("Queued 1 message with the template welcome; skipped 0."),
              std::string::npos)
        << output.out;
    const auto report = w().deliver_messages(now());
    EXPECT_EQ(report.sent, 1u);

    const auto messages = server_.messages();
    ASSERT_EQ(messages.size(), 1u);
    const std::string& m = messages.front();
    const auto queued = w().outbox().find(only_message(w(), id));
    ASSERT_TRUE(queued);
    EXPECT_EQ(queued->state, MessageState::sent);
    const std::string token = token_of(id);
    ASSERT_EQ(token.size(), 32u);

    EXPECT_EQ(raw_header(m, "From"), "Example Shop <shop@example.com>");
    EXPECT_EQ(raw_header(m, "To"), "=?UTF-8?B?2YXYsduM2YUg2LHYttin24zbjA==?= <maryam@example.org>");
    EXPECT_EQ(raw_header(m, "Subject"), "=?UTF-8?B?V2VsY29tZSwg2YXYsduM2YU=?=");
    EXPECT_EQ(raw_header(m, "Message-ID"), queued->message_id);
    EXPECT_TRUE(queued->message_id.ends_with("@shop.example>")) << queued->message_id;
    EXPECT_EQ(raw_header(m, "List-Unsubscribe"),
              "<https://shop.example/unsubscribe?token=" + token +
                  ">, <mailto:unsubscribe@shop.example?subject=unsubscribe%20" + token + ">");
    EXPECT_EQ(raw_header(m, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
    EXPECT_EQ(raw_header(m, "X-Moshtari-Purpose"), "");
    EXPECT_EQ(raw_header(m, "Auto-Submitted"), "");
    EXPECT_EQ(raw_header(m, "Mime-Version"), "1.0");
    EXPECT_TRUE(raw_header(m, "Content-Type").starts_with("multipart/alternative; boundary="));
    EXPECT_EQ(raw_header(m, "Date").size(), std::string("Tue, 24 Nov 2026 09:30:00 +0000").size());

    // Both parts, quoted-printable UTF-8, text first; the customer's value in the HTML part is the
    // same, and lines end in CR LF.
    const std::string text =
        raw_part(m,
                 "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: "
                 "quoted-printable");
    const std::string html =
        raw_part(m,
                 "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: "
                 "quoted-printable");
    EXPECT_TRUE(text.starts_with("Hello =D9=85=D8=B1=DB=8C=D9=85,\r\n\r\n")) << text;
    EXPECT_TRUE(html.starts_with("<p>Hello =D9=85=D8=B1=DB=8C=D9=85,</p>\r\n")) << html;
    const auto parts = MimeEntity::parse(m).parts();
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].media_type(), "text/plain");
    EXPECT_EQ(parts[1].media_type(), "text/html");
    const std::string decoded_text = parts[0].decoded_body();
    EXPECT_NE(decoded_text.find("Unsubscribe: https://shop.example/unsubscribe?token=" + token),
              std::string::npos)
        << decoded_text;
    EXPECT_NE(decoded_text.find("1,250 points"), std::string::npos) << decoded_text;
    EXPECT_NE(parts[1].decoded_body().find(
                  "<a href=\"https://shop.example/unsubscribe?token=" + token + "\">"),
              std::string::npos);

    const auto log = server_.log();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1]["login"], "shop");
    EXPECT_EQ(log[1]["tls"], true);
    EXPECT_EQ(log[1]["mail_from"], "shop@example.com");
    EXPECT_EQ(log[1]["rcpt_tos"], nlohmann::json::array({"maryam@example.org"}));
}

TEST_F(StartTlsDelivery, ABatchGoesOverOneConnection) {
    for (int i = 0; i < 5; ++i) {
        add_customer(fmt::format("Customer {}", i), fmt::format("c{}@example.org", i));
    }
    for (CustomerId id = 1; id <= 5; ++id) w().customers().add_tags(id, {"vip"});
    run({"email", "send", "--template", "welcome", "--tag", "vip"});
    EXPECT_EQ(w().deliver_messages(now()).sent, 5u);
    EXPECT_EQ(server_.messages().size(), 5u);
    const auto log = server_.log();
    EXPECT_EQ(
        std::count_if(log.begin(), log.end(),
                      [](const nlohmann::json& line) { return line["event"] == "connection"; }),
        1);
}

// The address is the customer's when the message is sent, not when it was queued.
TEST_F(StartTlsDelivery, AnAddressChangedAfterQueueingIsTheOneMailedTo) {
    const CustomerId id = add_customer("Ali Rezaei", "ali@old.example");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    Customer ali = w().customers().get(id);
    ali.contacts = {{ContactKind::email, "ali@new.example", "", true}};
    w().customers().update(ali);
    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);
    ASSERT_EQ(server_.messages().size(), 1u);
    EXPECT_EQ(raw_header(server_.messages().front(), "To"), "Ali Rezaei <ali@new.example>");
}

TEST_F(StartTlsDelivery, AFiveHundredReplyRejectsAndAFourHundredReplyRetries) {
    const CustomerId gone = add_customer("Gone", "reject-me@example.org");
    const CustomerId busy = add_customer("Busy", "busy@example.org");
    const CustomerId fine = add_customer("Fine", "fine@example.org");
    for (const CustomerId id : {gone, busy, fine}) {
        run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    }
    const auto report = w().deliver_messages(now());
    EXPECT_EQ(report.sent, 1u);
    EXPECT_EQ(report.dead, 1u);
    EXPECT_EQ(report.retrying, 1u);
    const auto dead = w().outbox().find(only_message(w(), gone));
    EXPECT_EQ(dead->state, MessageState::dead);
    EXPECT_NE(dead->last_error.find("550"), std::string::npos) << dead->last_error;
    const auto failed = w().outbox().find(only_message(w(), busy));
    EXPECT_EQ(failed->state, MessageState::failed);
    EXPECT_NE(failed->last_error.find("451"), std::string::npos) << failed->last_error;
    EXPECT_EQ(server_.messages().size(), 1u);
}

TEST_F(StartTlsDelivery, AWrongPasswordIsRetriedNotRejected) {
    const CustomerId id = add_customer("Ali", "ali@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    ::setenv(kPasswordVariable, "not-the-password", 1);
    const auto report = w().deliver_messages(now());
    ::setenv(kPasswordVariable, server_.options().password.c_str(), 1);
    EXPECT_EQ(report.retrying, 1u);
    EXPECT_EQ(w().outbox().find(only_message(w(), id))->state, MessageState::failed);
    EXPECT_TRUE(server_.messages().empty());
    EXPECT_EQ(w().deliver_messages(now() + std::chrono::hours{2}).sent, 1u);
}

TEST_F(StartTlsDelivery, NothingGoesToOptedOutOrSuppressedCustomers) {
    const CustomerId never = add_customer("Never asked", "never@example.org", false);
    const CustomerId suppressed = add_customer("Bounced", "bounced@example.org");
    const CustomerId fine = add_customer("Fine", "fine@example.org");
    {
        Transaction transaction(w().database());
        w().outbox().suppress("email", "bounced@example.org", "hard bounce 5.1.1");
        transaction.commit();
    }
    for (const CustomerId id : {never, suppressed, fine}) {
        run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    }
    const auto report = w().deliver_messages(now());
    EXPECT_EQ(report.sent, 1u);
    EXPECT_EQ(report.skipped, 2u);
    const auto messages = server_.messages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(raw_header(messages.front(), "To"), "Fine <fine@example.org>");
}

class ImplicitTlsDelivery : public EmailTest {
  protected:
    ImplicitTlsDelivery() : EmailTest({SmtpMode::tls}) {}
};

TEST_F(ImplicitTlsDelivery, TransactionalMailIsMarkedAndNeedsNoConsent) {
    const CustomerId id = add_customer("Ali Rezaei", "ali@example.org", false);
    EXPECT_THROW(run({"email", "send", "--template", "receipt", "--customer", std::to_string(id)}),
                 UserError);
    EXPECT_THROW(run({"email", "send", "--template", "welcome", "--customer", std::to_string(id),
                      "--transactional"}),
                 UserError);
    run({"email", "send", "--template", "receipt", "--customer", std::to_string(id),
         "--transactional", "--campaign", "order-1001"});
    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);
    const auto messages = server_.messages();
    ASSERT_EQ(messages.size(), 1u);
    const std::string& m = messages.front();
    EXPECT_EQ(raw_header(m, "Subject"), "Your receipt, Ali Rezaei");
    EXPECT_EQ(raw_header(m, "To"), "Ali Rezaei <ali@example.org>");
    EXPECT_EQ(raw_header(m, "Auto-Submitted"), "auto-generated");
    EXPECT_EQ(raw_header(m, "X-Moshtari-Purpose"), "transactional");
    EXPECT_EQ(raw_header(m, "List-Unsubscribe"), "");
    EXPECT_EQ(raw_header(m, "List-Unsubscribe-Post"), "");
    EXPECT_EQ(raw_part(m,
                       "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: "
                       "quoted-printable"),
              "Dear Ali Rezaei,\r\n\r\nThank you for your order.\r\n");
    EXPECT_EQ(server_.log().back()["tls"], true);
    EXPECT_EQ(server_.log().back()["login"], "shop");

    // The same campaign key is never sent twice.
    run({"email", "send", "--template", "receipt", "--customer", std::to_string(id),
         "--transactional", "--campaign", "order-1001"});
    EXPECT_EQ(w().deliver_messages(now()).total(), 0u);
    EXPECT_EQ(server_.messages().size(), 1u);
}

class PlainServerDelivery : public EmailTest {
  protected:
    PlainServerDelivery() : EmailTest({SmtpMode::plain}) {}
};

TEST_F(PlainServerDelivery, RequiredStartTlsRefusesAServerWithoutIt) {
    // The fixture's plain server offers no STARTTLS; `starttls` defaults to required.
    const CustomerId id = add_customer("Ali", "ali@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    EXPECT_EQ(w().deliver_messages(now()).retrying, 1u);
    EXPECT_TRUE(server_.messages().empty());
    const auto failed = w().outbox().find(only_message(w(), id));
    EXPECT_EQ(failed->state, MessageState::failed);
}

class OptionalStartTls : public EmailTest {
  protected:
    OptionalStartTls() : EmailTest({SmtpMode::plain}, "    starttls: optional\n") {}
};

TEST_F(OptionalStartTls, SendsInTheClearToAServerWithoutStartTls) {
    const CustomerId id = add_customer("Ali", "ali@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);
    ASSERT_EQ(server_.log().size(), 2u);
    EXPECT_EQ(server_.log().back()["tls"], false);
    EXPECT_EQ(server_.log().back()["login"], "shop");
}

class UntrustedCertificate : public EmailTest {
  protected:
    UntrustedCertificate() : EmailTest({SmtpMode::starttls}, {}, false) {}
};

TEST_F(UntrustedCertificate, IsRefusedUnlessVerificationIsTurnedOff) {
    const CustomerId id = add_customer("Ali", "ali@example.org");
    run({"email", "send", "--template", "welcome", "--customer", std::to_string(id)});
    EXPECT_EQ(w().deliver_messages(now()).retrying, 1u);
    EXPECT_TRUE(server_.messages().empty());
    const auto failed = w().outbox().find(only_message(w(), id));
    EXPECT_NE(failed->last_error.find("certificate"), std::string::npos) << failed->last_error;

    ws_.reset();
    ws_ = std::make_unique<moshtari::testing::TestWorkspace>(
        std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR},
        email_yaml(server_, "    verify_peer: false\n", false));
    run({"email", "send", "--template", "welcome", "--customer",
         std::to_string(add_customer("Ali", "ali@example.org"))});
    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);
    EXPECT_EQ(server_.messages().size(), 1u);
}

}  // namespace
}  // namespace moshtari::email::testing
