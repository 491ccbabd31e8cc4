#include "lifecycle_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

#include "moshtari/error.hpp"
#include "moshtari/table.hpp"

namespace moshtari::lifecycle {

namespace {

struct Options {
    bool json = false;
    std::string phase;
    std::size_t limit = 50;
};

void print_counts(const LifecycleStore& store, bool json) {
    Table table{{"phase", "customers"}, {}};
    for (const auto& [phase, count] : store.counts()) table.rows.push_back({phase, count});
    table.print(std::cout, json);
}

void print_members(const LifecycleStore& store, const Options& options) {
    const auto known = std::begin(kPhases), end = std::end(kPhases);
    if (std::find_if(known, end, [&](const char* p) { return options.phase == p; }) == end) {
        throw UserError(
            fmt::format("'{}' is not a lifecycle phase; use one of prospect, new, active, at-risk, "
                        "lapsed, won-back",
                        options.phase));
    }
    Table table{{"id", "name", "since"}, {}};
    for (const auto& m : store.members(options.phase, options.limit)) {
        table.rows.push_back({m.id, m.name, format_time(m.since)});
    }
    table.print(std::cout, options.json);
}

}  // namespace

Command lifecycle_command(const LifecycleStore& store) {
    return Command{
        "lifecycle",
        "Customers per lifecycle phase (prospect, new, active, at-risk, lapsed, won-back)",
        [&store](CLI::App& command) {
            auto options = std::make_shared<Options>();
            command.add_flag("--json", options->json, "Print JSON");
            command.callback([&store, options] {
                if (options->phase.empty()) print_counts(store, options->json);
            });
            auto* customers =
                command.add_subcommand("customers", "Customers in one phase, newest first");
            customers
                ->add_option("phase", options->phase,
                             "prospect, new, active, at-risk, lapsed or won-back")
                ->required();
            customers->add_option("--limit", options->limit, "At most this many")
                ->capture_default_str();
            customers->add_flag("--json", options->json, "Print JSON");
            customers->callback([&store, options] { print_members(store, *options); });
        }};
}

}  // namespace moshtari::lifecycle
