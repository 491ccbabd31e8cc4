#pragma once
// `moshtari draws create|enter|list|show|entries|close|run|verify`, each with --json.

#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::draws {

Command draws_command(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::draws
