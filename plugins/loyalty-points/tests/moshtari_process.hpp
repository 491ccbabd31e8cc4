#pragma once
// The real `moshtari` executable run as an operator runs it, against a test's configuration.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace moshtari::loyalty::testing {

struct ProcessResult {
    int exit_code = -1;  // 128 + the signal when one ended it
    std::string out;
    std::string err;
};

// One `moshtari --config <config> <args...>` started at construction; its output goes to files in
// the configuration's folder until finish() reads them.
class MoshtariProcess {
  public:
    MoshtariProcess(const std::filesystem::path& config, const std::vector<std::string>& args);
    ~MoshtariProcess();
    MoshtariProcess(const MoshtariProcess&) = delete;
    MoshtariProcess& operator=(const MoshtariProcess&) = delete;

    pid_t pid() const { return pid_; }
    void kill_hard() const;  // SIGKILL: no destructor, no rollback but SQLite's own
    ProcessResult finish();  // waits for the exit

  private:
    pid_t pid_ = -1;
    std::filesystem::path out_;
    std::filesystem::path err_;
    bool finished_ = false;
};

ProcessResult run_moshtari(const std::filesystem::path& config,
                           const std::vector<std::string>& args);

}  // namespace moshtari::loyalty::testing
