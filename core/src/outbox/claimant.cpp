#include "outbox/claimant.hpp"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>

namespace moshtari {

namespace {

std::string host() {
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0) return "localhost";
    return name.data();
}

}  // namespace

const std::string& this_claimant() {
    // Not cached across fork(): a forked worker is another claimant.
    static thread_local std::string claimant;
    static thread_local pid_t cached_for = 0;
    if (cached_for != ::getpid()) {
        cached_for = ::getpid();
        claimant = host() + ":" + std::to_string(cached_for);
    }
    return claimant;
}

bool claimant_gone(const std::string& claimant) {
    const auto colon = claimant.rfind(':');
    if (colon == std::string::npos || claimant.substr(0, colon) != host()) return false;
    pid_t pid = 0;
    const char* end = claimant.data() + claimant.size();
    if (std::from_chars(claimant.data() + colon + 1, end, pid).ptr != end || pid <= 0) return false;
    if (pid == ::getpid()) return false;
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace moshtari
