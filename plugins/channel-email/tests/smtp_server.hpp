#pragma once
// A real SMTP server (smtp_server.py, aiosmtpd under /usr/bin/python3) on a free 127.0.0.1 port,
// with a self-signed certificate made by `openssl req`. It can be killed and started again on the
// same port, and told to die while receiving a message.

#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/sdk/testing.hpp"

namespace moshtari::email::testing {

enum class SmtpMode { plain, starttls, tls };

// Where a server told to crash dies: while receiving the message after the last one it accepts,
// or after storing that last one but before answering it.
enum class CrashPoint { before_storing, after_storing };

struct SmtpServerOptions {
    SmtpMode mode = SmtpMode::plain;
    std::string user = "shop";
    std::string password = "s3cret";
};

class SmtpServer {
  public:
    explicit SmtpServer(SmtpServerOptions options = {});
    ~SmtpServer();
    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    // Starts the server and waits until it listens; `crash_after`: accept that many messages, then
    // die as `point` says.
    void start(std::optional<int> crash_after = std::nullopt,
               CrashPoint point = CrashPoint::before_storing);
    // SIGKILL, as an outage; nothing is flushed.
    void kill();
    // Waits for a server told to crash to have died; false if it is still running after 10 s.
    bool wait_until_dead();

    int port() const { return port_; }
    std::string url() const;  // smtp://127.0.0.1:PORT or smtps://...
    const std::filesystem::path& ca_file() const { return cert_; }
    const SmtpServerOptions& options() const { return options_; }
    // Every message received so far, raw bytes, in arrival order.
    std::vector<std::string> messages() const;
    // The server's log: {"event": "connection"} and {"event": "message", "mail_from", "rcpt_tos",
    // "login", "tls"} lines.
    std::vector<nlohmann::json> log() const;

  private:
    SmtpServerOptions options_;
    moshtari::testing::TempDir dir_;
    std::filesystem::path cert_;
    std::filesystem::path key_;
    int port_ = 0;
    pid_t pid_ = -1;
};

// The text of a file.
std::string read_file(const std::filesystem::path& file);

}  // namespace moshtari::email::testing
