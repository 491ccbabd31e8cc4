#include "smtp_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

#include "moshtari/sdk/testing.hpp"

namespace moshtari::email::testing {

namespace {

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("cannot find a free port on 127.0.0.1");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

// Runs `args` with its standard output and error going to `output`.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& output) {
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

const char* mode_name(SmtpMode mode) {
    switch (mode) {
        case SmtpMode::plain:
            return "plain";
        case SmtpMode::starttls:
            return "starttls";
        case SmtpMode::tls:
            return "tls";
    }
    return "plain";
}

}  // namespace

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

SmtpServer::SmtpServer(SmtpServerOptions options)
    : options_(std::move(options)),
      dir_("channel-email-smtp"),
      cert_(dir_ / "cert.pem"),
      key_(dir_ / "key.pem"),
      port_(free_port()) {
    const pid_t openssl =
        spawn({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
               "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
               "-keyout", key_.string(), "-out", cert_.string()},
              dir_ / "openssl.log");
    int status = 0;
    ::waitpid(openssl, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !std::filesystem::exists(cert_)) {
        throw std::runtime_error("openssl req could not make a test certificate");
    }
}

SmtpServer::~SmtpServer() {
    kill();
}

void SmtpServer::start(std::optional<int> crash_after, CrashPoint point) {
    const auto ready = dir_ / "ready";
    std::filesystem::remove(ready);
    std::vector<std::string> args = {"/usr/bin/python3",
                                     CHANNEL_EMAIL_TESTS_DIR "/smtp_server.py",
                                     "--port",
                                     std::to_string(port_),
                                     "--maildir",
                                     (dir_ / "maildir").string(),
                                     "--ready-file",
                                     ready.string(),
                                     "--mode",
                                     mode_name(options_.mode),
                                     "--cert",
                                     cert_.string(),
                                     "--key",
                                     key_.string(),
                                     "--user",
                                     options_.user,
                                     "--password",
                                     options_.password};
    if (crash_after) {
        args.push_back(point == CrashPoint::before_storing ? "--crash-after"
                                                           : "--crash-after-storing");
        args.push_back(std::to_string(*crash_after));
    }
    pid_ = spawn(args, dir_ / "server.log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(ready)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("the test SMTP server exited before it was ready");
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill();
            throw std::runtime_error("the test SMTP server did not start within 20 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void SmtpServer::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

bool SmtpServer::wait_until_dead() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pid_ <= 0;
}

std::string SmtpServer::url() const {
    return (options_.mode == SmtpMode::tls ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") +
           std::to_string(port_);
}

std::vector<std::string> SmtpServer::messages() const {
    std::vector<std::filesystem::path> files;
    const auto folder = dir_ / "maildir" / "new";
    if (std::filesystem::exists(folder)) {
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            files.push_back(entry.path());
        }
    }
    // Named "<nanoseconds>.<pid>.<n>.eml": by name is by arrival.
    std::sort(files.begin(), files.end());
    std::vector<std::string> messages;
    for (const auto& file : files) messages.push_back(read_file(file));
    return messages;
}

std::vector<nlohmann::json> SmtpServer::log() const {
    std::vector<nlohmann::json> lines;
    std::ifstream in(dir_ / "maildir" / "log.jsonl");
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
}

}  // namespace moshtari::email::testing
