#include "moshtari_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace moshtari::loyalty::testing {

namespace {

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

MoshtariProcess::MoshtariProcess(const std::filesystem::path& config,
                                 const std::vector<std::string>& args) {
    static std::atomic<int> counter{0};
    const std::string stem = "process-" + std::to_string(counter++);
    out_ = config.parent_path() / (stem + ".out");
    err_ = config.parent_path() / (stem + ".err");
    std::vector<std::string> argv_text{MOSHTARI_BINARY, "--config", config.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        std::vector<char*> argv;
        for (auto& arg : argv_text) argv.push_back(arg.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
}

MoshtariProcess::~MoshtariProcess() {
    if (!finished_) {
        kill_hard();
        finish();
    }
}

void MoshtariProcess::kill_hard() const {
    ::kill(pid_, SIGKILL);
}

ProcessResult MoshtariProcess::finish() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    finished_ = true;
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_all(out_);
    result.err = read_all(err_);
    return result;
}

ProcessResult run_moshtari(const std::filesystem::path& config,
                           const std::vector<std::string>& args) {
    return MoshtariProcess(config, args).finish();
}

}  // namespace moshtari::loyalty::testing
