// The plugin's commands through the real `moshtari` executable, as an operator runs them.

#include <sys/wait.h>

#include <cstdio>

#include "email_fixture.hpp"

namespace moshtari::email::testing {
namespace {

struct CliRun {
    int exit_code = -1;
    std::string output;  // standard output and error together
};

CliRun moshtari_cli(const std::filesystem::path& config, const std::string& arguments) {
    const std::string command =
        fmt::format("'{}' --config '{}' {} 2>&1", MOSHTARI_BINARY, config.string(), arguments);
    CliRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        run.output.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

class Cli : public EmailTest {};

TEST_F(Cli, SendDeliverAndUnsubscribeThroughTheExecutable) {
    const CustomerId id = add_customer("Ali Rezaei", "ali@example.org");
    const auto config = ws_->config_file();
    const CliRun send = moshtari_cli(
        config, fmt::format("email send --template welcome --customer {} --campaign cli", id));
    EXPECT_EQ(send.exit_code, 0) << send.output;
    EXPECT_NE(send.output.find("Queued 1 message with the template welcome; skipped 0."),
              std::string::npos)
        << send.output;
    const CliRun again = moshtari_cli(
        config, fmt::format("email send --template welcome --customer {} --campaign cli", id));
    EXPECT_NE(again.output.find("Queued 0 messages with the template welcome; 1 queued before"),
              std::string::npos)
        << again.output;
    EXPECT_EQ(w().deliver_messages(now()).sent, 1u);
    ASSERT_EQ(server_.messages().size(), 1u);

    const CliRun unsubscribe = moshtari_cli(config, "email unsubscribe " + token_of(id));
    EXPECT_EQ(unsubscribe.exit_code, 0) << unsubscribe.output;
    EXPECT_NE(unsubscribe.output.find("Unsubscribed Ali Rezaei"), std::string::npos)
        << unsubscribe.output;
    EXPECT_FALSE(w().customers().get(id).has_consent("email"));

    const CliRun unknown =
        moshtari_cli(config, "email unsubscribe 00000000000000000000000000000000");
    EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
    EXPECT_NE(unknown.output.find("no unsubscribe token '00000000000000000000000000000000'"),
              std::string::npos)
        << unknown.output;
}

TEST_F(Cli, BouncesReadsAMailboxAndAWrongTemplateIsAUserError) {
    const CliRun bounces = moshtari_cli(
        ws_->config_file(), "email bounces '" CHANNEL_EMAIL_TESTS_DIR "/fixtures/bounces.mbox'");
    EXPECT_EQ(bounces.exit_code, 0) << bounces.output;
    EXPECT_NE(bounces.output.find("suppressed gone@example.org"), std::string::npos)
        << bounces.output;
    EXPECT_TRUE(w().outbox().is_suppressed("email", "gone@example.org"));

    const CliRun wrong = moshtari_cli(ws_->config_file(), "email send --template nope --tag vip");
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_NE(wrong.output.find("no email template 'nope'"), std::string::npos) << wrong.output;
}

}  // namespace
}  // namespace moshtari::email::testing
