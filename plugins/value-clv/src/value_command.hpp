#pragma once
// `moshtari value fit|show|top|simple`, each with --json.

#include "fit_store.hpp"
#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::value {

Command value_command(Workspace& workspace, FitStore& store, const Settings& settings);

}  // namespace moshtari::value
