// `moshtari run [--once] [--interval SECONDS]`: the worker that delivers the event log to plugins
// and rules.

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <memory>
#include <system_error>

#include "arguments.hpp"
#include "commands.hpp"

namespace moshtari::cli {

namespace {

// SIGINT and SIGTERM are blocked and only waited for between passes, so a pass is never cut short:
// the worker finishes the pass it is in and then stops.
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

struct WorkerOptions {
    bool once = false;
    unsigned interval = 10;
};

// An event handed to two subscribers (say, a plugin and the live bus) counts twice.
std::string deliveries(std::size_t count) {
    return fmt::format("delivered events {} times (once per subscriber)", count);
}

void run_worker(CliContext& context, const WorkerOptions& options) {
    Workspace& workspace = context.workspace();
    if (options.once) {
        context.out() << deliveries(workspace.run_worker_pass(now())) << '\n';
        return;
    }
    StopSignals stop;
    spdlog::info("worker started: a pass every {} s until SIGINT or SIGTERM", options.interval);
    do {
        const Timestamp at = now();
        if (const std::size_t delivered = workspace.run_worker_pass(at)) {
            context.out() << format_time(at) << ' ' << deliveries(delivered) << std::endl;
        }
    } while (!stop.wait(std::chrono::seconds{options.interval}));
    spdlog::info("worker stopped");
}

}  // namespace

void add_run_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "run", "Run the worker: deliver events to plugins and rules, daily ticks");
    auto options = std::make_shared<WorkerOptions>();
    auto* once = command->add_flag("--once", options->once,
                                   "Do one pass, print how many deliveries it made");
    command->add_option("--interval", options->interval, "Seconds between passes")
        ->check(positive_integer())
        ->capture_default_str()
        ->excludes(once);
    command->callback([&context, options] { run_worker(context, *options); });
}

}  // namespace moshtari::cli
