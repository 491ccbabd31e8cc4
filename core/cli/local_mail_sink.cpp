#include "local_mail_sink.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace moshtari::cli {

namespace {

namespace fs = std::filesystem;

// Debian's interpreter: python3-aiosmtpd is installed for it, not for others on the PATH.
constexpr const char* kPython = "/usr/bin/python3";
constexpr auto kStartupLimit = std::chrono::seconds(10);

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    return address;
}

// A port the kernel has just handed out, so nothing else listens on it now.
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    const bool found = fd >= 0 &&
                       ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                       ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    if (fd >= 0) ::close(fd);
    if (!found) throw std::runtime_error("no free TCP port on 127.0.0.1 for a local mail sink");
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    const sockaddr_in address = loopback(port);
    const bool connected =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

// Starts `args` with stdout and stderr appended to `log`.
pid_t spawn(const std::vector<std::string>& args, const fs::path& log) {
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                       O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int error = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(error)));
    }
    return pid;
}

std::string why_it_stopped(const fs::path& log) {
    std::ifstream in(log);
    std::string last;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) last = line;
    }
    if (last.find("No module named aiosmtpd") != std::string::npos) {
        return "python3-aiosmtpd is not installed (scripts/install-deps installs it)";
    }
    return fmt::format("the aiosmtpd server stopped at once: {} (see {})", last, log.string());
}

}  // namespace

LocalMailSink::LocalMailSink(fs::path maildir) : maildir_(std::move(maildir)), port_(free_port()) {
    if (::access(kPython, X_OK) != 0) {
        throw std::runtime_error(fmt::format("{} is not installed", kPython));
    }
    // Not the maildir itself: aiosmtpd makes its tmp/, new/ and cur/ only when it makes the folder.
    fs::create_directories(maildir_.parent_path());
    const fs::path log = maildir_.parent_path() / "mail-sink.log";
    pid_ = spawn(
        {kPython, "-m", "aiosmtpd", "--nosetuid", "--listen", fmt::format("127.0.0.1:{}", port_),
         "--class", "aiosmtpd.handlers.Mailbox", maildir_.string()},
        log);
    const auto deadline = std::chrono::steady_clock::now() + kStartupLimit;
    while (!accepts_connections(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error(why_it_stopped(log));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            stop();  // the destructor does not run for a constructor that throws
            throw std::runtime_error(
                fmt::format("the aiosmtpd server did not listen on 127.0.0.1:{} within {} seconds",
                            port_, kStartupLimit.count()));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

LocalMailSink::~LocalMailSink() {
    stop();
}

void LocalMailSink::stop() noexcept {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::size_t LocalMailSink::delivered() const {
    std::size_t count = 0;
    for (const char* sub : {"new", "cur"}) {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(maildir_ / sub, error)) {
            count += entry.is_regular_file();
        }
    }
    return count;
}

}  // namespace moshtari::cli
