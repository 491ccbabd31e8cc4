#pragma once
// `moshtari import customers|orders|interactions|deals FILE` and `moshtari export` of the same.

#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::data_csv {

Command import_command(Workspace& workspace, const Settings& settings);
Command export_command(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::data_csv
