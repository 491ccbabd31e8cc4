#pragma once
// How the host records that a plugin failed, shared by discovery, resolution and loading.

#include <string>
#include <string_view>

#include "moshtari/plugin_host.hpp"

namespace moshtari {

// "'segment-lifecycle'", for messages that name a plugin.
std::string in_quotes(std::string_view id);

// The plugin keeps `error` as the sentence `moshtari plugins list` shows.
void mark_failed(PluginInfo& plugin, std::string error);

inline bool failed(const PluginInfo& plugin) {
    return plugin.state == PluginState::failed;
}

}  // namespace moshtari
