#pragma once
// `moshtari coupons create|issue|validate|redeem|report`, each with --json.

#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::coupons {

Command coupons_command(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::coupons
