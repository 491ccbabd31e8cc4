#include "arguments.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

#include "moshtari/error.hpp"

namespace moshtari::cli {

const CLI::Validator& positive_integer() {
    static const CLI::Validator validator(
        [](std::string& text) -> std::string {
            std::int64_t value = 0;
            const auto [end, error] =
                std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc{} || end != text.data() + text.size() || value < 1) {
                return fmt::format("'{}' is not a whole number from 1 up", text);
            }
            return {};
        },
        "");
    return validator;
}

void add_limit_option(CLI::App& command, std::size_t& limit) {
    command.add_option("--limit", limit, "At most this many")
        ->check(positive_integer())
        ->capture_default_str();
}

void add_customer_filter(CLI::App& command, CustomerFilter& filter) {
    add_id_option(command, "--customer", filter.customer, "Only this customer's");
    add_limit_option(command, filter.limit);
}

void add_by_option(CLI::App& command, std::string& by) {
    by = "cli";
    command.add_option("--by", by, "Who does this, for the record")->capture_default_str();
}

Timestamp time_or_now(std::string_view text) {
    return text.empty() ? now() : parse_time_or_throw(text, "--at");
}

}  // namespace moshtari::cli
