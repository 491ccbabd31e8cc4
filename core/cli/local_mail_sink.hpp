#pragma once
// A throw-away SMTP server on 127.0.0.1 for `moshtari demo`: Debian's python3-aiosmtpd writing
// every message it accepts into a maildir, so the demo can really send without reaching anyone.

#include <sys/types.h>

#include <cstddef>
#include <filesystem>

namespace moshtari::cli {

class LocalMailSink {
  public:
    // Starts the server on a free port and waits until it accepts connections. Throws
    // std::runtime_error saying why when it cannot (python3-aiosmtpd missing, no free port).
    explicit LocalMailSink(std::filesystem::path maildir);
    // Stops the server; the maildir stays.
    ~LocalMailSink();
    LocalMailSink(const LocalMailSink&) = delete;
    LocalMailSink& operator=(const LocalMailSink&) = delete;

    int port() const { return port_; }
    const std::filesystem::path& maildir() const { return maildir_; }
    // Messages the server has written to the maildir so far.
    std::size_t delivered() const;

  private:
    void stop() noexcept;

    std::filesystem::path maildir_;
    int port_;
    pid_t pid_ = -1;
};

}  // namespace moshtari::cli
