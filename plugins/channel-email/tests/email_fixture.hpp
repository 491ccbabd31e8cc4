#pragma once
// A workspace with the real channel-email plugin loaded and configured against a real SMTP server
// on 127.0.0.1, and the plugin's commands run as the CLI runs them.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "mime_entity.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"
#include "smtp_server.hpp"

namespace moshtari::email::testing {

inline const char* kTemplates = CHANNEL_EMAIL_TESTS_DIR "/fixtures/templates";
inline const char* kPasswordVariable = "CHANNEL_EMAIL_TEST_PASSWORD";

// The channel-email section for `server`, with the templates of tests/fixtures/templates.
inline std::string email_yaml(const SmtpServer& server, const std::string& extra_smtp = {},
                              bool trust_test_ca = true) {
    const bool starttls = server.options().mode == SmtpMode::starttls;
    return fmt::format(
        R"(channel-email:
  smtp:
    url: {url}
{starttls}    username: {user}
    password_env: {variable}
{ca}    connect_timeout_seconds: 2
    timeout_seconds: 10
{extra}  from: {{address: shop@example.com, name: "Example Shop"}}
  locale: en-US
  unsubscribe: {{url: "https://shop.example/unsubscribe?token=", mailto: unsubscribe@shop.example}}
  attributes:
    points: {{type: integer}}
    balance: {{type: money, currency: EUR}}
    member_since: {{type: date}}
  templates:
    welcome:
      subject: "Welcome, {{{{ given_name | \"friend\" }}}}"
      text: {dir}/welcome.txt
      html: {dir}/welcome.html
      purpose: marketing
    receipt:
      subject: "Your receipt, {{{{ name }}}}"
      text: {dir}/receipt.txt
      html: {dir}/receipt.html
      purpose: transactional
outbox:
  message_id_host: shop.example
  backoff_base_seconds: 60
)",
        fmt::arg("url", server.url()),
        fmt::arg("starttls", starttls ? "    starttls: required\n" : ""),
        fmt::arg("user", server.options().user), fmt::arg("variable", kPasswordVariable),
        fmt::arg("ca", trust_test_ca ? "    ca_file: " + server.ca_file().string() + "\n" : ""),
        fmt::arg("extra", extra_smtp), fmt::arg("dir", kTemplates));
}

struct Output {
    std::string out;
    std::string err;
};

class EmailTest : public ::testing::Test {
  protected:
    // `extra_smtp`: more lines for channel-email.smtp; `trust_test_ca`: give the server's
    // certificate as ca_file.
    explicit EmailTest(SmtpServerOptions options = {SmtpMode::starttls},
                       const std::string& extra_smtp = {}, bool trust_test_ca = true)
        : server_(std::move(options)) {
        ::setenv(kPasswordVariable, server_.options().password.c_str(), 1);
        server_.start();
        ws_ = std::make_unique<moshtari::testing::TestWorkspace>(
            std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR},
            email_yaml(server_, extra_smtp, trust_test_ca));
    }

    Workspace& w() { return ws_->workspace(); }

    // `moshtari <args...>` for a plugin command; throws what the command throws.
    Output run(const std::vector<std::string>& args) {
        CLI::App app;
        for (const auto& command : w().commands()) {
            command.define(*app.add_subcommand(command.name, command.summary));
        }
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        std::ostringstream out, err;
        auto* old_out = std::cout.rdbuf(out.rdbuf());
        auto* old_err = std::cerr.rdbuf(err.rdbuf());
        try {
            app.parse(reversed);
        } catch (...) {
            std::cout.rdbuf(old_out);
            std::cerr.rdbuf(old_err);
            throw;
        }
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        return {out.str(), err.str()};
    }

    CustomerId add_customer(const std::string& name, const std::string& email, bool consent = true,
                            std::string given_name = {}) {
        Customer customer;
        customer.name = name;
        customer.given_name = std::move(given_name);
        customer.contacts = {{ContactKind::email, email, "", true}};
        customer.attributes = {{"points", std::int64_t{1250}},
                               {"balance", std::int64_t{123450}},
                               {"member_since", std::string("2024-03-21")}};
        if (consent) customer.consents = {{"email", true, now(), "web form"}};
        return w().customers().create(customer);
    }

    // The customer's unsubscribe token, as channel_email_unsubscribe_tokens holds it.
    std::string token_of(CustomerId customer) {
        SQLite::Statement query(w().database().sql(),
                                "SELECT token FROM channel_email_unsubscribe_tokens WHERE "
                                "customer_id = ?");
        query.bind(1, customer);
        return query.executeStep() ? query.getColumn(0).getString() : std::string();
    }

    std::int64_t count(const std::string& sql) {
        SQLite::Statement query(w().database().sql(), sql);
        query.executeStep();
        return query.getColumn(0).getInt64();
    }

    SmtpServer server_;
    std::unique_ptr<moshtari::testing::TestWorkspace> ws_;
};

// The header fields of a received message, as raw lines (folded ones joined with their CR LF).
inline std::string raw_header(const std::string& message, const std::string& name) {
    const std::string prefix = "\r\n" + name + ": ";
    const std::string text = "\r\n" + message;
    const auto start = text.find(prefix);
    if (start == std::string::npos) return {};
    auto end = text.find("\r\n", start + 2);
    while (end != std::string::npos && end + 2 < text.size() &&
           (text[end + 2] == ' ' || text[end + 2] == '\t')) {
        end = text.find("\r\n", end + 2);
    }
    return text.substr(start + prefix.size(), end - start - prefix.size());
}

}  // namespace moshtari::email::testing
