#pragma once
// The plugin's tables and its public view. loyalty_tiers_current_benefits is the stable interface
// other plugins and reports read; the tables behind it are the plugin's own.

#include <vector>

#include "moshtari/migration.hpp"
#include "settings.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::tiers {

std::vector<Migration> migrations();

// Makes loyalty_tiers_catalogue (the configured tiers and their benefits, behind the view) match
// the settings; writes only when the configuration changed since the last process wrote it.
void sync_catalogue(Database& db, const Settings& settings);

}  // namespace moshtari::tiers
