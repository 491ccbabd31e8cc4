// `moshtari init [DIR]`: writes a commented moshtari.yaml to start a deployment from.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <memory>

#include "commands.hpp"
#include "moshtari/error.hpp"
#include "moshtari/plugin_host.hpp"

namespace moshtari::cli {

namespace {

namespace fs = std::filesystem;

std::string yaml_scalar(const std::string& text) {
    YAML::Emitter emitter;
    emitter << text;
    return emitter.c_str();
}

// The value of "key:": a block sequence indented by `indent`, or " []" when empty.
std::string yaml_list(const std::vector<std::string>& items, int indent) {
    if (items.empty()) return " []";
    std::string text;
    for (const auto& item : items)
        text += fmt::format("\n{:{}}- {}", "", indent, yaml_scalar(item));
    return text;
}

// The bundled plugins whose manifests are sound, in dependency order, so the new file enables what
// will run.
std::vector<std::string> bundled_plugin_ids(const std::vector<fs::path>& dirs) {
    PluginHost host(dirs);
    host.discover();
    std::vector<std::string> ids;
    for (const auto& plugin : host.plugins()) {
        if (plugin.state != PluginState::failed) ids.push_back(plugin.manifest.id);
    }
    return ids;
}

std::string configuration_text(const std::vector<fs::path>& plugin_dirs) {
    std::vector<std::string> paths;
    for (const auto& dir : plugin_dirs) paths.push_back(fs::absolute(dir).string());
    return fmt::format(
        R"(# moshtari.yaml: the configuration of one Moshtari deployment.
# Every key is checked when a command opens the deployment; a misspelt key is reported with the closest known one.

workspace:
  # The SQLite file holding customers, orders, deals, tasks and the event log; relative to this file.
  database: moshtari.db
  # The ISO 4217 currency of amounts given without one.
  currency: EUR
  # The IANA time zone of the business.
  time_zone: UTC

plugins:
  # Folders holding plugins, one <id>/plugin.yaml per plugin.
  paths:{}
  # The plugins to run; an empty list runs every plugin found in paths.
  enabled:{}

# Sales pipelines: stages in order, each with the probability that a deal there is won (for forecasts) and
# sla_days, how long a deal may stay in it before `moshtari deals list` marks it overdue.
pipelines:
  - id: sales
    name: Sales
    stages:
      - {{id: lead, name: Lead, probability: 0.1, sla_days: 7}}
      - {{id: qualified, name: Qualified, probability: 0.25, sla_days: 14}}
      - {{id: proposal, name: Proposal, probability: 0.5, sla_days: 14}}
      - {{id: negotiation, name: Negotiation, probability: 0.75, sla_days: 21}}
      - {{id: won, name: Won, probability: 1.0, won: true}}
      - {{id: lost, name: Lost, probability: 0.0, lost: true}}

# The customer lifecycle (plugin segment-lifecycle); these are its defaults. Uncomment to change them.
# segment-lifecycle:
#   new_days: 30       # a first order less than this many days ago: new
#   at_risk_days: 90   # no order for this many days or more: at-risk
#   lapsed_days: 180   # no order for this many days or more: lapsed

# Loyalty points (plugin loyalty-points; every key in its README): an example programme. Uncomment to run it.
# loyalty-points:
#   programmes:
#     - id: points
#       currency: EUR
#       earn: {{points_per_unit: 1, rounding: down}}  # a point per euro
#       bonuses: {{first_order: 50}}
#       redeem: {{points: 100, value: "1.00"}}        # 100 points pay 1.00 EUR
#       lifetime_days: 365                          # points expire, oldest first, after a year

# What `moshtari customers erase ID` keeps, detached from the person; these are the defaults.
# privacy:
#   keep_orders: true         # order totals and dates stay, as guest orders, for the books
#   keep_interactions: false  # interactions stay without their text and customer

# How messages to customers are retried and paced (docs/configuration.md#outbox); these are the defaults.
# outbox:
#   max_attempts: 5              # hand-overs before a failing message goes dead
#   backoff_base_seconds: 60     # the wait after the first failure, doubling with each one
#   backoff_cap_seconds: 21600   # the longest wait
#   batch_size: 20               # messages handed to a channel at once
#   channels:
#     email:
#       quiet_hours: {{start: "21:00", end: "08:00"}}  # marketing waits, in the customer's time zone
#       rate_per_minute: 120
)",
        yaml_list(paths, 4), yaml_list(bundled_plugin_ids(plugin_dirs), 4));
}

void write_configuration(const fs::path& dir, const std::vector<fs::path>& plugin_dirs) {
    const fs::path file = dir / "moshtari.yaml";
    std::error_code error;
    if (fs::exists(file, error)) {
        throw UserError(
            fmt::format("{} already exists; edit it, or remove it to start afresh", file.string()));
    }
    fs::create_directories(dir, error);
    std::ofstream out(file);
    out << configuration_text(plugin_dirs);
    out.close();
    if (!out) {
        throw UserError(
            fmt::format("cannot write {}; check that the folder is writable", file.string()));
    }
}

}  // namespace

void add_init_command(CLI::App& app, CliContext& context) {
    auto* command =
        app.add_subcommand("init", "Write a commented moshtari.yaml to start a deployment");
    auto dir = std::make_shared<std::string>(".");
    command->add_option("dir", *dir, "The folder to write it in (created if missing)")
        ->capture_default_str();
    command->callback([&context, dir] {
        write_configuration(*dir, context.bundled_plugin_dirs());
        context.out() << fmt::format(
            "Wrote {}; add a first customer with `moshtari customers add --name NAME`\n",
            (fs::path(*dir) / "moshtari.yaml").string());
    });
}

}  // namespace moshtari::cli
