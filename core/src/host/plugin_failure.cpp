#include "host/plugin_failure.hpp"

#include <fmt/format.h>

namespace moshtari {

std::string in_quotes(std::string_view id) {
    return fmt::format("'{}'", id);
}

void mark_failed(PluginInfo& plugin, std::string error) {
    plugin.state = PluginState::failed;
    plugin.error = std::move(error);
}

}  // namespace moshtari
