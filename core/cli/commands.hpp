#pragma once
// The core's commands; each adds itself, with its subcommands and options, to the `moshtari` app.

#include <CLI/CLI.hpp>

#include <string>

#include "cli_context.hpp"

namespace moshtari::cli {

// A command that only holds subcommands. Given alone, it prints its help; a word after it that is
// no subcommand is reported as unexpected (CLI11's require_subcommand would only say "A subcommand
// is required").
void print_help_when_alone(CLI::App& command);
CLI::App* add_command_group(CLI::App& parent, const std::string& name,
                            const std::string& description);

void add_init_command(CLI::App& app, CliContext& context);
void add_customers_command(CLI::App& app, CliContext& context);
// Subcommands of `customers`: duplicates and merge; erase and export-personal.
void add_customer_merge_commands(CLI::App& customers, CliContext& context);
void add_customer_privacy_commands(CLI::App& customers, CliContext& context);
void add_interactions_command(CLI::App& app, CliContext& context);
void add_orders_command(CLI::App& app, CliContext& context);
void add_pipelines_command(CLI::App& app, CliContext& context);
void add_deals_command(CLI::App& app, CliContext& context);
void add_tasks_command(CLI::App& app, CliContext& context);
void add_events_command(CLI::App& app, CliContext& context);
void add_run_command(CLI::App& app, CliContext& context);
void add_outbox_command(CLI::App& app, CliContext& context);
void add_segment_command(CLI::App& app, CliContext& context);
void add_plugins_command(CLI::App& app, CliContext& context);
void add_demo_command(CLI::App& app, CliContext& context);

}  // namespace moshtari::cli
