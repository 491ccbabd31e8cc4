#include "worker_loop.hpp"

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <system_error>

#include "arguments.hpp"

namespace moshtari::cli {

namespace {

class StopSignals {
  public:
    StopSignals() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
    }
    ~StopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // Waits up to `timeout`, or less if a stop signal is already pending; true when one arrived.
    bool wait(std::chrono::seconds timeout) {
        const timespec limit{static_cast<time_t>(timeout.count()), 0};
        while (true) {
            if (sigtimedwait(&signals_, nullptr, &limit) > 0) return true;
            if (errno == EAGAIN) return false;
            if (errno != EINTR)
                throw std::system_error(errno, std::generic_category(), "waiting for signals");
        }
    }

  private:
    sigset_t signals_;
    sigset_t previous_;
};

}  // namespace

void add_worker_options(CLI::App& command, WorkerOptions& options,
                        const std::string& once_description) {
    auto* once = command.add_flag("--once", options.once, once_description);
    command.add_option("--interval", options.interval, "Seconds between passes")
        ->check(positive_integer())
        ->capture_default_str()
        ->excludes(once);
}

void repeat_until_stopped(const std::string& worker, unsigned interval_seconds,
                          const std::function<void()>& pass) {
    StopSignals stop;
    spdlog::info("{} started: a pass every {} s until SIGINT or SIGTERM", worker, interval_seconds);
    do {
        pass();
    } while (!stop.wait(std::chrono::seconds{interval_seconds}));
    spdlog::info("{} stopped", worker);
}

}  // namespace moshtari::cli
