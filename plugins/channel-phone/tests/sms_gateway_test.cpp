// The "sms" channel against a local server playing Twilio and Kavenegar: the requests byte for
// byte where it matters, the provider's id, and which answers are retryable or rejected.

#include <gtest/gtest.h>

#include <fstream>

#include "moshtari/sdk/testing.hpp"
#include "provider_server.hpp"
#include "settings.hpp"
#include "sms_channel.hpp"

namespace moshtari::channel_phone {
namespace {

using testing::ProviderAnswer;
using testing::ProviderServer;

constexpr const char* kTwilioSent = R"({"sid": "SM{n}", "status": "queued"})";
constexpr const char* kKavenegarSent =
    R"({"return": {"status": 200, "message": "تایید شد"}, "entries": [{"messageid": 879234{n}, "status": 1}]})";

class SmsChannelTest : public ::testing::Test {
  protected:
    std::unique_ptr<SmsChannel> channel(const std::string& sms_yaml) {
        const auto file = dir_ / "moshtari.yaml";
        std::ofstream(file) << "default_region: IR\nsms:\n  base_url: " << server_.base_url()
                            << "\n"
                            << sms_yaml;
        const Settings settings =
            Settings::from_config(ConfigSection::read_file(file), CHANNEL_PHONE_PROFILES);
        return std::make_unique<SmsChannel>(*settings.sms, PhoneNumbers(settings.default_region));
    }
    std::unique_ptr<SmsChannel> twilio(const std::string& extra = "") {
        server_.answer_by_default({201, kTwilioSent});
        return channel(
            "  profile: twilio\n  from: '+15005550006'\n"
            "  credentials: {account_sid: AC123, auth_token: secret}\n  timeout: 0.5\n" +
            extra);
    }
    std::unique_ptr<SmsChannel> kavenegar() {
        server_.answer_by_default({200, kKavenegarSent});
        return channel(
            "  profile: kavenegar\n  from: '10004346'\n  credentials: {api_key: KEY-1}\n"
            "  timeout: 0.5\n");
    }

    static OutboundMessage message(MessageId id, const std::string& to, const std::string& text) {
        OutboundMessage m;
        m.id = id;
        m.channel = "sms";
        m.customer_id = 1;
        m.address = to;
        m.message_id = "<" + std::to_string(id) + ".abc@test>";
        m.content = {{"text", text}};
        return m;
    }

    moshtari::testing::TempDir dir_{"channel-phone-sms"};
    ProviderServer server_{dir_.path()};
};

TEST_F(SmsChannelTest, TwilioGetsAFormPostWithBasicAuthAndPersianAsUtf8) {
    const auto results =
        moshtari::testing::deliver_batch(*twilio(), {message(7, "0912 345 6789", "سلام رضا")});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::sent) << results[0].detail;
    EXPECT_EQ(results[0].provider_id, "SM1");
    const auto requests = server_.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0]["method"], "POST");
    EXPECT_EQ(requests[0]["path"], "/2010-04-01/Accounts/AC123/Messages.json");
    EXPECT_EQ(requests[0]["headers"]["authorization"], "Basic QUMxMjM6c2VjcmV0");
    EXPECT_EQ(requests[0]["headers"]["content-type"], "application/x-www-form-urlencoded");
    EXPECT_EQ(requests[0]["headers"]["accept"], "application/json");
    EXPECT_EQ(requests[0]["body"],
              "To=%2B989123456789&From=%2B15005550006&Body=%D8%B3%D9%84%D8%A7%D9%85%20%D8%B1%D8%"
              "B6%D8%A7");
}

TEST_F(SmsChannelTest, KavenegarGetsTheKeyInThePathAndTheOutboxIdAsLocalId) {
    const auto results = moshtari::testing::deliver_batch(
        *kavenegar(), {message(42, "+989123456789", "کد شما ۱۲۳۴")});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::sent) << results[0].detail;
    EXPECT_EQ(results[0].provider_id, "8792341");
    const auto requests = server_.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0]["path"], "/v1/KEY-1/sms/send.json");
    EXPECT_FALSE(requests[0]["headers"].contains("authorization"));
    EXPECT_EQ(requests[0]["body"],
              "receptor=%2B989123456789&sender=10004346&message=%DA%A9%D8%AF%20%D8%B4%D9%85%D8%A7%"
              "20%DB%B1%DB%B2%DB%B3%DB%B4&localid=42");
}

TEST_F(SmsChannelTest, AProfileOfYourOwnSendsJsonWithAHeaderTokenAndUcs2Hex) {
    std::ofstream(dir_ / "acme.yaml")
        << "credentials: [token]\n"
           "base_url: https://sms.example.com\n"
           "path: /v2/{token}/send\n"
           "auth: {type: header, header: X-Api-Key, value: '{token}'}\n"
           "body:\n"
           "  encoding: json\n"
           "  text: ucs2-hex\n"
           "  fields: {to: '{to}', text: '{text}', ref: "
           "'{message_id}', id: 'm-{outbox_id}'}\n"
           "response: {id: /data/id, error_text: /error}\n";
    server_.answer_by_default({202, R"({"data": {"id": "acme-{n}"}})"});
    const auto results = moshtari::testing::deliver_batch(
        *channel("  profile: acme.yaml\n  credentials: {token: 'a b/c'}\n"),
        {message(9, "+989123456789", "سلام")});
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::sent) << results[0].detail;
    EXPECT_EQ(results[0].provider_id, "acme-1");
    const auto request = server_.requests().at(0);
    EXPECT_EQ(request["path"], "/v2/a%20b%2Fc/send");
    EXPECT_EQ(request["headers"]["x-api-key"], "a b/c");
    EXPECT_EQ(request["headers"]["content-type"], "application/json; charset=utf-8");
    EXPECT_EQ(
        request["body"],
        R"({"to":"+989123456789","text":"0633064406270645","ref":"<9.abc@test>","id":"m-9"})");
}

TEST_F(SmsChannelTest, AGetRequestCarriesTheFieldsInItsQuery) {
    std::ofstream(dir_ / "get.yaml") << "credentials: [api_key]\n"
                                        "method: GET\n"
                                        "base_url: https://api.kavenegar.com\n"
                                        "path: /v1/{api_key}/sms/send.json\n"
                                        "body: {fields: {receptor: '{to}', message: '{text}'}}\n"
                                        "response: {id: /entries/0/messageid}\n";
    server_.answer_by_default({200, kKavenegarSent});
    const auto results = moshtari::testing::deliver_batch(
        *channel("  profile: get.yaml\n  credentials: {api_key: K}\n"),
        {message(1, "+989123456789", "Hi there")});
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::sent) << results[0].detail;
    const auto request = server_.requests().at(0);
    EXPECT_EQ(request["method"], "GET");
    EXPECT_EQ(request["path"], "/v1/K/sms/send.json?receptor=%2B989123456789&message=Hi%20there");
    EXPECT_EQ(request["body"], "");
}

TEST_F(SmsChannelTest, OutagesAndThrottlingAreRetryableBadRequestsRejected) {
    auto sms = twilio();
    server_.script({
        {429, R"({"code": 20429, "message": "Too Many Requests"})"},
        {500, "oops"},
        {201, kTwilioSent, 2.0},  // answers after the client gave up
        {400, R"({"code": 21211, "message": "The 'To' number +989123456789 is not valid."})"},
        {201, kTwilioSent},
    });
    std::vector<OutboundMessage> batch;
    for (MessageId id = 1; id <= 5; ++id) batch.push_back(message(id, "+989123456789", "Hi"));
    const auto results = moshtari::testing::deliver_batch(*sms, batch);
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::retryable);
    EXPECT_EQ(results[0].detail, "HTTP 429, code 20429: Too Many Requests");
    EXPECT_EQ(results[1].outcome, DeliveryOutcome::retryable);
    EXPECT_EQ(results[1].detail, "HTTP 500: oops");
    EXPECT_EQ(results[2].outcome, DeliveryOutcome::retryable);
    EXPECT_NE(results[2].detail.find("no answer: "), std::string::npos) << results[2].detail;
    EXPECT_NE(results[2].detail.find("imed out"), std::string::npos) << results[2].detail;
    EXPECT_EQ(results[3].outcome, DeliveryOutcome::rejected);
    EXPECT_EQ(results[3].detail,
              "HTTP 400, code 21211: The 'To' number +989123456789 is not valid.");
    EXPECT_EQ(results[4].outcome, DeliveryOutcome::sent);
    EXPECT_EQ(results[4].provider_id, "SM5");
    EXPECT_EQ(server_.requests().size(), 5u);
}

TEST_F(SmsChannelTest, KavenegarIsJudgedByItsOwnStatus) {
    auto sms = kavenegar();
    server_.script({
        {200, R"({"return": {"status": 411, "message": "گیرنده نامعتبر است"}, "entries": null})"},
        {418,
         R"({"return": {"status": 418, "message": "اعتبار حساب شما کافی نیست"}, "entries": null})"},
    });
    const auto results = moshtari::testing::deliver_batch(
        *sms, {message(1, "+989123456789", "a"), message(2, "+989123456789", "b")});
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::rejected);
    EXPECT_EQ(results[0].detail, "HTTP 200 (provider status 411): گیرنده نامعتبر است");
    EXPECT_EQ(results[1].outcome, DeliveryOutcome::retryable);
    EXPECT_EQ(results[1].detail, "HTTP 418: اعتبار حساب شما کافی نیست");
}

TEST_F(SmsChannelTest, NoServerListeningIsRetryable) {
    std::unique_ptr<SmsChannel> sms;
    {
        const moshtari::testing::TempDir gone("channel-phone-gone");
        ProviderServer closed(gone.path());
        std::ofstream(dir_ / "moshtari.yaml")
            << "sms:\n  base_url: " << closed.base_url()
            << "\n  profile: kavenegar\n  from: '1'\n  credentials: {api_key: K}\n";
        const Settings settings = Settings::from_config(
            ConfigSection::read_file(dir_ / "moshtari.yaml"), CHANNEL_PHONE_PROFILES);
        sms = std::make_unique<SmsChannel>(*settings.sms, PhoneNumbers(settings.default_region));
    }
    const auto results = moshtari::testing::deliver_batch(*sms, {message(1, "+989123456789", "a")});
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::retryable);
    EXPECT_NE(results[0].detail.find("no answer: "), std::string::npos) << results[0].detail;
}

TEST_F(SmsChannelTest, BadNumbersAndOverlongTextsAreRejectedWithoutARequest) {
    auto sms = twilio("  max_parts: 1\n");
    const auto results = moshtari::testing::deliver_batch(
        *sms,
        {message(1, "0912 345", "hi"), message(2, "+989123456789", std::string(71, 'x') + "ç"),
         message(3, "+989123456789", "fits")});
    EXPECT_EQ(results[0].outcome, DeliveryOutcome::rejected);
    EXPECT_EQ(results[0].detail,
              "'0912 345' is not a valid phone number: it is not a number in IR's numbering plan "
              "(numbers without a country code are read as IR)");
    EXPECT_EQ(results[1].outcome, DeliveryOutcome::rejected);
    EXPECT_EQ(results[1].detail, "the text needs 2 UCS-2 parts; at most 1 are allowed");
    EXPECT_EQ(results[2].outcome, DeliveryOutcome::sent);
    ASSERT_EQ(server_.requests().size(), 1u);
    EXPECT_NE(server_.requests()[0]["body"].get<std::string>().find("Body=fits"),
              std::string::npos);
}

}  // namespace
}  // namespace moshtari::channel_phone
