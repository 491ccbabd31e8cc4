#pragma once
// A `moshtari` subcommand contributed by a plugin.

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace moshtari {

struct Command {
    std::string name;     // `moshtari <name>`; must be unique across the core and every plugin
    std::string summary;  // one line for --help
    // Adds options, subcommands and callbacks; callbacks run with the workspace open and plugins
    // started.
    std::function<void(CLI::App& command)> define;
};

}  // namespace moshtari
