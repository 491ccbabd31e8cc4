#pragma once
// The one thing a plugin library exports (as the alias "moshtari_plugin_descriptor"). Plain data,
// so the host can check the ABI and toolchain before it calls any of the plugin's C++ code.

#include <cstdint>

namespace moshtari {

class Plugin;

struct PluginDescriptor {
    std::uint32_t abi_major;
    std::uint32_t abi_minor;
    const char* toolchain;  // MOSHTARI_TOOLCHAIN_TAG as the plugin was compiled
    const char* id;         // must equal the manifest's id
    Plugin* (*create)();    // called only after the checks pass; the host owns the result
};

using PluginEntry = const PluginDescriptor*() noexcept;

inline constexpr const char* kPluginEntryAlias = "moshtari_plugin_descriptor";

}  // namespace moshtari
