// `moshtari`: the command line over a deployment. Exit codes: 0 done, 1 the user's to fix, 2 an
// internal error.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "bundled_plugins.hpp"
#include "cli_context.hpp"
#include "commands.hpp"
#include "invocation.hpp"
#include "moshtari/config_error.hpp"
#include "moshtari/error.hpp"
#include "moshtari/version.hpp"

namespace {

using namespace moshtari;
using namespace moshtari::cli;

// stdout carries results (tables, JSON, ids) that scripts read, so every log line goes to stderr.
void configure_logging(int verbosity) {
    auto logger = spdlog::stderr_color_mt("moshtari");
    logger->set_pattern("moshtari: %l: %v");
    spdlog::set_default_logger(std::move(logger));
    spdlog::set_level(verbosity == 0   ? spdlog::level::warn
                      : verbosity == 1 ? spdlog::level::info
                                       : spdlog::level::debug);
}

void add_core_commands(CLI::App& app, CliContext& context) {
    // Already read by scan_invocation; declared so that CLI11 accepts them and --help lists them.
    app.add_option("--config")
        ->description(
            "The deployment's moshtari.yaml (default: $MOSHTARI_CONFIG, else ./moshtari.yaml)")
        ->type_name("FILE");
    app.add_flag("-v,--verbose")->description("Log more to stderr: -v for info, -vv for debug");
    app.set_version_flag("--version", kVersion);
    // Global options may follow the command: `moshtari customers list --config x.yaml`.
    app.fallthrough();
    print_help_when_alone(app);

    add_init_command(app, context);
    add_customers_command(app, context);
    add_interactions_command(app, context);
    add_orders_command(app, context);
    add_pipelines_command(app, context);
    add_deals_command(app, context);
    add_tasks_command(app, context);
    add_events_command(app, context);
    add_run_command(app, context);
    add_outbox_command(app, context);
    add_segment_command(app, context);
    add_plugins_command(app, context);
    add_demo_command(app, context);
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    return names;
}

// Core commands open the workspace when they run, so their help works without one. Any other word
// may be a plugin's command, which only the workspace knows and CLI11 must see before parsing;
// without a configuration file there are none, and CLI11 reports the word as unexpected.
bool may_be_plugin_command(const Invocation& invocation,
                           const std::vector<std::string>& core_commands,
                           const CliContext& context) {
    const auto& command = invocation.command;
    if (command.empty() ||
        std::find(core_commands.begin(), core_commands.end(), command) != core_commands.end()) {
        return false;
    }
    std::error_code error;
    return std::filesystem::exists(context.config_file(), error);
}

void add_plugin_commands(CLI::App& app, CliContext& context) {
    for (const Command& command : context.workspace().commands()) {
        command.define(*app.add_subcommand(command.name, command.summary));
    }
}

}  // namespace

int main(int argc, char** argv) {
    const Invocation invocation = scan_invocation(argc, argv);
    configure_logging(invocation.verbosity);
    // Declared before the app, so the app (holding plugin callbacks) is destroyed before the
    // plugins stop.
    CliContext context(invocation.config_file, bundled_plugin_dirs(), std::cout);
    CLI::App app{"Moshtari: customers, orders, deals and tasks, extended by plugins", "moshtari"};
    try {
        add_core_commands(app, context);
        const auto core_commands = command_names(app);
        context.reserve_commands(core_commands);
        if (may_be_plugin_command(invocation, core_commands, context))
            add_plugin_commands(app, context);
        app.parse(argc, argv);
        return 0;
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 1;
    } catch (const ConfigError& e) {
        for (const auto& problem : e.problems())
            std::cerr << "moshtari: error: " << problem.to_string() << '\n';
        return 1;
    } catch (const UserError& e) {
        std::cerr << "moshtari: error: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "moshtari: error: internal error, please report it: " << e.what() << '\n';
        return 2;
    }
}
