#include "cli_context.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <ostream>

#include "moshtari/config.hpp"
#include "moshtari/error.hpp"

namespace moshtari::cli {

CliContext::CliContext(std::filesystem::path config_file,
                       std::vector<std::filesystem::path> bundled_plugin_dirs, std::ostream& out)
    : config_file_(std::move(config_file)),
      bundled_plugin_dirs_(std::move(bundled_plugin_dirs)),
      out_(out) {}

void CliContext::reserve_commands(std::vector<std::string> names) {
    reserved_commands_ = std::move(names);
}

Workspace& CliContext::workspace() {
    if (!workspace_) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(config_file_, error)) {
            throw UserError(
                fmt::format("no moshtari.yaml at {}; run `moshtari init` or pass --config FILE",
                            std::filesystem::absolute(config_file_, error).string()));
        }
        WorkspaceOptions options;
        options.reserved_commands = reserved_commands_;
        options.default_plugin_dirs = bundled_plugin_dirs_;
        workspace_ = Workspace::open(config_file_, options);
    }
    return *workspace_;
}

std::string CliContext::currency_or_default(const std::string& given) {
    return given.empty() ? workspace().config().default_currency() : given;
}

void CliContext::add_json_flag(CLI::App& command) {
    command.add_flag("--json", json_, "Print JSON instead of text");
}

void CliContext::print(const Table& table) {
    table.print(out_, json_);
}

void CliContext::print(const Record& record) {
    if (json_) {
        out_ << record.to_json().dump(2) << '\n';
    } else {
        record.print_text(out_);
    }
}

}  // namespace moshtari::cli
