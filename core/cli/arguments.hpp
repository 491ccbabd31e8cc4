#pragma once
// Arguments several commands share, so each is declared, checked and read the same way everywhere.

#include <CLI/CLI.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"

namespace moshtari::cli {

// A whole number from 1 up: record ids, counts, limits. (CLI11's own range checks print unreadable
// bounds.)
const CLI::Validator& positive_integer();

// A record id, as a positional argument ("id") or an option ("--customer"); `Id` is an integer id
// or an optional.
template <class Id>
CLI::Option* add_id_option(CLI::App& command, const std::string& name, Id& id,
                           const std::string& description) {
    return command.add_option(name, id, description)->check(positive_integer())->type_name("ID");
}

// `--limit N`: at most this many rows, showing its default in --help.
void add_limit_option(CLI::App& command, std::size_t& limit);

// `--customer ID` and `--limit N` of a listing: one customer's records, or everyone's.
struct CustomerFilter {
    std::optional<CustomerId> customer;
    std::size_t limit = 50;
};
void add_customer_filter(CLI::App& command, CustomerFilter& filter);

// `--by NAME`: who does something that is recorded (merges, privacy requests); "cli" by default.
void add_by_option(CLI::App& command, std::string& by);

// `--at TIME` as given, or now when it was left out.
Timestamp time_or_now(std::string_view text);

}  // namespace moshtari::cli
