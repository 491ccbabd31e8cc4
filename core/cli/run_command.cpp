// `moshtari run [--once] [--interval SECONDS]`: the worker that delivers the event log to plugins
// and rules, and the outbox's due messages to their channels.

#include <fmt/format.h>

#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "delivery_summary.hpp"
#include "worker_loop.hpp"

namespace moshtari::cli {

namespace {

// An event handed to two subscribers (say, a plugin and the live bus) counts twice.
std::string deliveries(std::size_t count) {
    return fmt::format("delivered events {} times (once per subscriber)", count);
}

void run_worker(CliContext& context, const WorkerOptions& options) {
    Workspace& workspace = context.workspace();
    if (options.once) {
        const Timestamp at = now();
        context.out() << deliveries(workspace.run_worker_pass(at)) << '\n';
        context.out() << delivery_summary(workspace.deliver_messages(at)) << '\n';
        return;
    }
    repeat_until_stopped("worker", options.interval, [&] {
        const Timestamp at = now();
        if (const std::size_t delivered = workspace.run_worker_pass(at)) {
            context.out() << format_time(at) << ' ' << deliveries(delivered) << std::endl;
        }
        if (const DeliveryReport report = workspace.deliver_messages(at); report.total() > 0) {
            context.out() << format_time(at) << ' ' << delivery_summary(report) << std::endl;
        }
    });
}

}  // namespace

void add_run_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "run", "Run the worker: deliver events to plugins and rules, daily ticks, due messages");
    auto options = std::make_shared<WorkerOptions>();
    add_worker_options(*command, *options, "Do one pass, print how many deliveries it made");
    command->callback([&context, options] { run_worker(context, *options); });
}

}  // namespace moshtari::cli
