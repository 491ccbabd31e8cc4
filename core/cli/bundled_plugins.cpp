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
    // The build tree mirrors the installed layout (see moshtari_add_plugin), so one place serves
    // both.
    const fs::path dir = executable.parent_path() / ".." / MOSHTARI_INSTALLED_PLUGIN_RELDIR;
    if (!fs::is_directory(dir, error)) return {};
    return {dir.lexically_normal()};
}

}  // namespace moshtari::cli
