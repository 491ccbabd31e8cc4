#pragma once
// `moshtari tiers show [CUSTOMER_ID]` and `moshtari tiers evaluate`, each with --json.

#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::tiers {

Command tiers_command(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::tiers
