#include "stop_signals.hpp"

#include <pthread.h>

#include <cerrno>
#include <ctime>
#include <system_error>

namespace moshtari::cli {

StopSignals::StopSignals() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
}

StopSignals::~StopSignals() {
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

bool StopSignals::wait(std::chrono::seconds timeout) {
    const timespec limit{static_cast<time_t>(timeout.count()), 0};
    while (true) {
        if (sigtimedwait(&signals_, nullptr, &limit) > 0) return true;
        if (errno == EAGAIN) return false;
        if (errno != EINTR)
            throw std::system_error(errno, std::generic_category(), "waiting for signals");
    }
}

}  // namespace moshtari::cli
