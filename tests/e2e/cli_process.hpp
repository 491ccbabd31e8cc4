#pragma once
// Runs the real `moshtari` binary, as a user would, and captures what it prints on each stream.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace moshtari::e2e {

struct CliResult {
    int exit_code = -1;  // 128 + the signal when one ended the process
    std::string out;
    std::string err;
};

// One running `moshtari`, started in `dir` with `args` and `env` added to this process's
// environment (MOSHTARI_CONFIG is removed unless `env` sets it, so the tests do not depend on the
// caller's).
class CliProcess {
  public:
    CliProcess(const std::filesystem::path& dir, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {});
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    // Reads output until stdout contains `text`; false when the process ended or `timeout` passed
    // first.
    bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);
    void send_signal(int signal) const;
    // Reads the rest of the output and waits for the exit.
    CliResult finish();

  private:
    // Reads what is available on the open pipes, waiting up to `timeout`; false once both are
    // closed.
    bool read_some(std::chrono::milliseconds timeout);

    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    CliResult result_;
};

// Starts and finishes one command.
CliResult run_cli(const std::filesystem::path& dir, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {});

}  // namespace moshtari::e2e
