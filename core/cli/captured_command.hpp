#pragma once
// Runs a command a plugin registered as `moshtari <args...>` would, inside this process, and
// returns what it printed: the demo drives plugins through the same commands a user types.

#include <string>
#include <string_view>
#include <vector>

#include "moshtari/command.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

// The command a running plugin registered under `name`, nullptr when none did.
const Command* find_command(const Workspace& workspace, std::string_view name);

// `args` start with the command's name. What the command writes to stderr is dropped (the demo
// prints the command's summary instead); exceptions propagate.
std::string run_captured(const Command& command, std::vector<std::string> args);

}  // namespace moshtari::cli
