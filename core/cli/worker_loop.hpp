#pragma once
// What `moshtari run` and `moshtari outbox run` share: `--once` or `--interval SECONDS`, and passes
// repeated until SIGINT or SIGTERM.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace moshtari::cli {

struct WorkerOptions {
    bool once = false;
    unsigned interval = 10;
};

// `--once` (described by `once_description`) and `--interval`, which exclude each other.
void add_worker_options(CLI::App& command, WorkerOptions& options,
                        const std::string& once_description);

// Runs `pass`, then waits `interval_seconds`, until SIGINT or SIGTERM. The signals are blocked and
// only waited for between passes, so a pass is never cut short: the one under way finishes first.
void repeat_until_stopped(const std::string& worker, unsigned interval_seconds,
                          const std::function<void()>& pass);

}  // namespace moshtari::cli
