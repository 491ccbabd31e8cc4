#pragma once
// SIGINT and SIGTERM are blocked and only waited for between passes, so a worker's pass is never
// cut short: it finishes the pass it is in and then stops.

#include <signal.h>

#include <chrono>

namespace moshtari::cli {

class StopSignals {
  public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // Waits up to `timeout`, or less if a stop signal is already pending; true when one arrived.
    bool wait(std::chrono::seconds timeout);

  private:
    sigset_t signals_;
    sigset_t previous_;
};

}  // namespace moshtari::cli
