// Provider profiles and the plugin's section: the ready profiles load, and every mistake is
// reported at its file, line and column, in moshtari.yaml or in the profile file itself.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "moshtari/config_error.hpp"
#include "moshtari/sdk/testing.hpp"
#include "settings.hpp"

namespace moshtari::channel_phone {
namespace {

class ProfileTest : public ::testing::Test {
  protected:
    std::filesystem::path write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return dir_ / name;
    }

    Settings settings(const std::string& yaml) {
        return Settings::from_config(ConfigSection::read_file(write("moshtari.yaml", yaml)),
                                     CHANNEL_PHONE_PROFILES);
    }

    // The one problem reported, as "file:line:column: message" with the file's name only.
    std::string problem(const std::string& yaml) {
        try {
            settings(yaml);
        } catch (const ConfigError& error) {
            EXPECT_EQ(error.problems().size(), 1u);
            ConfigProblem p = error.problems().front();
            p.where.file = std::filesystem::path(p.where.file).filename().string();
            return p.to_string();
        }
        return "accepted";
    }

    moshtari::testing::TempDir dir_{"channel-phone-profile"};
};

TEST_F(ProfileTest, ReadyProfilesLoad) {
    const auto twilio =
        ProviderProfile::load(std::filesystem::path(CHANNEL_PHONE_PROFILES) / "twilio.yaml");
    EXPECT_EQ(twilio.name, "twilio");
    EXPECT_EQ(twilio.base_url, "https://api.twilio.com");
    EXPECT_EQ(twilio.path, "/2010-04-01/Accounts/{account_sid}/Messages.json");
    EXPECT_EQ(twilio.auth.kind, ProviderAuth::Kind::basic);
    EXPECT_EQ(twilio.id_pointer, "/sid");
    EXPECT_TRUE(twilio.retryable.contains(429));
    EXPECT_TRUE(twilio.retryable.contains(503));
    EXPECT_FALSE(twilio.retryable.contains(400));

    const auto kavenegar =
        ProviderProfile::load(std::filesystem::path(CHANNEL_PHONE_PROFILES) / "kavenegar.yaml");
    EXPECT_EQ(kavenegar.path, "/v1/{api_key}/sms/send.json");
    EXPECT_EQ(kavenegar.id_pointer, "/entries/0/messageid");
    EXPECT_EQ(kavenegar.status_pointer, "/return/status");
    ASSERT_EQ(kavenegar.fields.size(), 4u);
    EXPECT_EQ(kavenegar.fields[3], (std::pair<std::string, std::string>{"localid", "{outbox_id}"}));
}

TEST_F(ProfileTest, CredentialsComeFromTheFileOrTheEnvironment) {
    ::setenv("CHANNEL_PHONE_TEST_TOKEN", "secret-token", 1);
    const Settings s = settings(
        "default_region: IR\n"
        "sms:\n"
        "  profile: twilio\n"
        "  from: '+15005550006'\n"
        "  credentials: {account_sid: AC123, auth_token_env: CHANNEL_PHONE_TEST_TOKEN}\n"
        "  max_parts: 3\n"
        "  on_too_long: split\n"
        "  timeout: 2.5\n"
        "calls: {default_assignee: reza, default_priority: high}\n");
    ASSERT_TRUE(s.sms);
    EXPECT_EQ(s.sms->credentials.at("account_sid"), "AC123");
    EXPECT_EQ(s.sms->credentials.at("auth_token"), "secret-token");
    EXPECT_EQ(s.sms->max_parts, 3u);
    EXPECT_EQ(s.sms->on_too_long, TooLong::split);
    EXPECT_EQ(s.sms->timeout, std::chrono::milliseconds(2500));
    EXPECT_EQ(s.calls.default_assignee, "reza");
    EXPECT_EQ(s.calls.default_priority, CallPriority::high);
}

TEST_F(ProfileTest, ConfigurationMistakesNameTheirLine) {
    ::unsetenv("CHANNEL_PHONE_UNSET");
    const std::string twilio = "sms:\n  profile: twilio\n  from: '+15005550006'\n";
    EXPECT_EQ(problem("default_region: XX\n"),
              "moshtari.yaml:1:17: default_region: 'XX' is not a region libphonenumber knows; use "
              "an ISO 3166 code such as IR or GB");
    EXPECT_EQ(problem(twilio + "  credentials: {account_sid: AC1, auth_tokn: x}\n"),
              "moshtari.yaml:4:35: unknown key 'auth_tokn' in sms.credentials; did you mean "
              "'auth_token'?");
    EXPECT_EQ(problem(twilio + "  credentials: {account_sid: AC1}\n"),
              "moshtari.yaml:4:16: sms.credentials: the twilio profile needs auth_token (or "
              "auth_token_env, naming an environment variable that holds it)");
    EXPECT_EQ(problem(twilio + "  credentials: {account_sid: AC1, auth_token_env: "
                               "CHANNEL_PHONE_UNSET}\n"),
              "moshtari.yaml:4:51: sms.credentials.auth_token_env: the environment variable "
              "CHANNEL_PHONE_UNSET is not set");
    EXPECT_EQ(
        problem(twilio + "  credentials: {account_sid: A, auth_token: B}\n  max_parts: 11\n"),
        "moshtari.yaml:5:14: sms.max_parts: must be from 1 to 10, the twilio profile's limit");
    EXPECT_EQ(problem("sms:\n  profile: twillio\n"),
              "moshtari.yaml:2:12: sms.profile: 'twillio' is not a ready profile; use twilio, "
              "kavenegar or the path of a profile file (ending in .yaml)");
    EXPECT_EQ(problem("sms:\n  profile: kavenegar\n  credentials: {api_key: K}\n"),
              "moshtari.yaml:2:3: sms: the kavenegar profile sends a sender, so `from` is needed: "
              "your number or sender id at the provider");
    EXPECT_EQ(problem("calls: {default_priority: urgent}\n"),
              "moshtari.yaml:1:27: calls.default_priority: 'urgent' is not a priority; use low, "
              "normal or high");
}

TEST_F(ProfileTest, AProfileFileOfYourOwnIsCheckedAtItsOwnLines) {
    const std::string good =
        "name: acme\n"
        "credentials: [token]\n"
        "base_url: https://sms.example.com\n"
        "path: /send\n"
        "auth: {type: header, header: Authorization, value: 'Bearer {token}'}\n"
        "body:\n"
        "  encoding: json\n"
        "  text: ucs2-hex\n"
        "  fields: {to: '{to}', text: '{text}', ref: '{message_id}'}\n"
        "response: {id: /id, error_text: /error}\n";
    write("acme.yaml", good);
    const Settings s = settings("sms: {profile: acme.yaml, credentials: {token: T}}\n");
    EXPECT_EQ(s.sms->profile.name, "acme");
    EXPECT_EQ(s.sms->profile.body_encoding, BodyEncoding::json);
    EXPECT_EQ(s.sms->profile.text_encoding, TextEncoding::ucs2_hex);

    write("acme.yaml",
          "name: acme\nbase_url: https://sms.example.com\npath: /send\n"
          "body:\n  fields: {to: '{to}', text: '{txt}'}\nresponse: {id: /id}\n");
    EXPECT_EQ(problem("sms: {profile: acme.yaml}\n"),
              "acme.yaml:5:30: body.fields.text: unknown placeholder {txt}; use one of {to} "
              "{from} {text} {message_id} {outbox_id} (credentials are declared under "
              "`credentials`)");
    write("acme.yaml",
          "name: acme\nbase_url: https://sms.example.com\npath: /send\n"
          "body:\n  fields: {to: '{to}'}\nresponse: {id: sid}\n");
    EXPECT_EQ(problem("sms: {profile: acme.yaml}\n"),
              "acme.yaml:6:16: response.id: 'sid' is not a JSON pointer; write it like /sid or "
              "/entries/0/messageid");
    write("acme.yaml", "name: acme\nbase_url: https://sms.example.com\npath: /send\nmethd: GET\n");
    EXPECT_EQ(problem("sms: {profile: acme.yaml}\n"),
              "acme.yaml:4:1: unknown section 'methd'; did you mean 'method'?");
    write("acme.yaml",
          "base_url: https://sms.example.com\npath: /send\nbody: {fields: {to: "
          "'{to}'}}\nresponse: {id: /id, retryable: [429, 5xx]}\n");
    EXPECT_EQ(problem("sms: {profile: acme.yaml}\n"),
              "acme.yaml:4:32: response.retryable: '5xx' is not a status code or a range like "
              "500-599");
    EXPECT_EQ(problem("sms: {profile: missing.yaml}\n"),
              "moshtari.yaml:1:16: sms.profile: the profile file " +
                  (dir_ / "missing.yaml").string() + " does not exist");
}

}  // namespace
}  // namespace moshtari::channel_phone
