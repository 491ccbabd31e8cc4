#include "commands.hpp"

namespace moshtari::cli {

void print_help_when_alone(CLI::App& command) {
    command.callback([&command] {
        if (command.get_subcommands().empty()) throw CLI::CallForHelp();
    });
}

CLI::App* add_command_group(CLI::App& parent, const std::string& name,
                            const std::string& description) {
    auto* group = parent.add_subcommand(name, description);
    print_help_when_alone(*group);
    return group;
}

}  // namespace moshtari::cli
