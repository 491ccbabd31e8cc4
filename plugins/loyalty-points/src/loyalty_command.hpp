#pragma once
// `moshtari loyalty balance|history|earn|redeem|adjust|expire`, each with --json.

#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::loyalty {

Command loyalty_command(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::loyalty
