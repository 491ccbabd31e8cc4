#pragma once
// Checks every plugin's `requires` against what was found and orders the
// plugins so dependencies come first.

#include <set>
#include <string>
#include <vector>

#include "moshtari/plugin_host.hpp"

namespace moshtari {

// Fails each plugin whose requirement is missing, has the wrong version, is part of a cycle or has
// itself failed, with a sentence saying so, and marks the others resolved. Reorders `plugins`: the
// resolved ones first, each after its dependencies (ties alphabetical), then the failed ones
// alphabetically. A plugin already failed on entry keeps its error. `disabled`: ids installed but
// left out of plugins.enabled, named as such in messages.
void resolve_dependencies(std::vector<PluginInfo>& plugins, const std::set<std::string>& disabled);

}  // namespace moshtari
