#pragma once
// The plugins shipped with this executable.

#include <filesystem>
#include <vector>

namespace moshtari::cli {

// The existing plugin folders beside the executable: <exe dir>/../plugins in the build tree,
// <exe dir>/../MOSHTARI_INSTALLED_PLUGIN_RELDIR once installed.
std::vector<std::filesystem::path> bundled_plugin_dirs();

}  // namespace moshtari::cli
