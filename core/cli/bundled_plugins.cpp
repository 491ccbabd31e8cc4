#include "bundled_plugins.hpp"

#include <spdlog/spdlog.h>

namespace moshtari::cli {

namespace fs = std::filesystem;

std::vector<fs::path> bundled_plugin_dirs() {
    // Located from the executable rather than a path fixed at build time, so a build tree, a
    // package and a relocated install each find their own plugins.
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (error) {
        spdlog::warn("cannot locate the moshtari executable ({}); bundled plugins are not searched",
                     error.message());
        return {};
    }
    const fs::path bin = executable.parent_path();
    std::vector<fs::path> dirs;
    for (const fs::path& candidate :
         {bin / ".." / "plugins", bin / ".." / MOSHTARI_INSTALLED_PLUGIN_RELDIR}) {
        if (fs::is_directory(candidate, error)) dirs.push_back(candidate.lexically_normal());
    }
    return dirs;
}

}  // namespace moshtari::cli
