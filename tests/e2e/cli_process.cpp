#include "cli_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

extern char** environ;

namespace moshtari::e2e {

namespace {

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> entries;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text = *entry;
        const std::string name = text.substr(0, text.find('='));
        if (name != "MOSHTARI_CONFIG" && !extra.contains(name)) entries.push_back(text);
    }
    for (const auto& [name, value] : extra) entries.push_back(name + "=" + value);
    return entries;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (auto& s : strings) result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

}  // namespace

CliProcess::CliProcess(const std::filesystem::path& dir, const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env) {
    // Everything the child needs is built before fork: between fork and exec only async-signal-safe
    // calls.
    std::vector<std::string> argv_strings{MOSHTARI_CLI};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    auto environment = child_environment(env);
    const auto argv = pointers(argv_strings);
    const auto envp = pointers(environment);
    const std::string directory = dir.string();

    int out_pipe[2];
    int err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) fail("pipe2");
    pid_ = fork();
    if (pid_ < 0) fail("fork");
    if (pid_ == 0) {
        if (chdir(directory.c_str()) != 0 || dup2(out_pipe[1], STDOUT_FILENO) < 0 ||
            dup2(err_pipe[1], STDERR_FILENO) < 0) {
            _exit(127);
        }
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
}

CliProcess::~CliProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    for (int fd : {out_fd_, err_fd_}) {
        if (fd >= 0) close(fd);
    }
}

bool CliProcess::read_some(std::chrono::milliseconds timeout) {
    std::vector<pollfd> fds;
    for (int fd : {out_fd_, err_fd_}) {
        if (fd >= 0) fds.push_back({fd, POLLIN, 0});
    }
    if (fds.empty()) return false;
    const int ready = poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) fail("poll");
    for (const auto& p : fds) {
        if (p.revents == 0) continue;
        char buffer[4096];
        const ssize_t n = read(p.fd, buffer, sizeof buffer);
        if (n < 0 && errno != EINTR) fail("read");
        const bool is_out = p.fd == out_fd_;
        if (n > 0) {
            (is_out ? result_.out : result_.err).append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0) {
            close(p.fd);
            (is_out ? out_fd_ : err_fd_) = -1;
        }
    }
    return out_fd_ >= 0 || err_fd_ >= 0;
}

bool CliProcess::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (result_.out.find(text) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !read_some(left)) return false;
    }
    return true;
}

void CliProcess::send_signal(int signal) const {
    if (kill(pid_, signal) != 0) fail("kill");
}

CliResult CliProcess::finish() {
    while (read_some(std::chrono::milliseconds{-1})) {
    }
    int status = 0;
    if (waitpid(pid_, &status, 0) < 0) fail("waitpid");
    pid_ = -1;
    result_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result_;
}

CliResult run_cli(const std::filesystem::path& dir, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env) {
    return CliProcess(dir, args, env).finish();
}

}  // namespace moshtari::e2e
