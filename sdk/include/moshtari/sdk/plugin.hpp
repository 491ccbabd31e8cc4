#pragma once
// Everything a plugin's source needs, and the one entry macro:
//
//   class MyPlugin : public moshtari::Plugin { ... };
//   MOSHTARI_PLUGIN(MyPlugin, "my-plugin")   // the id must equal plugin.yaml's id
//
// The macro exports a noexcept function, through BOOST_DLL_ALIAS, that returns the plugin's
// descriptor: the ABI and toolchain it was built with, and a factory the host calls only after
// checking them.

#include <boost/dll/alias.hpp>

#include "moshtari/config_section.hpp"
#include "moshtari/plugin.hpp"
#include "moshtari/plugin_context.hpp"
#include "moshtari/plugin_descriptor.hpp"
#include "moshtari/toolchain.hpp"
#include "moshtari/version.hpp"

#define MOSHTARI_PLUGIN(PluginClass, plugin_id)                                              \
    namespace {                                                                              \
    ::moshtari::Plugin* moshtari_create_plugin() {                                           \
        return new PluginClass();                                                            \
    }                                                                                        \
    const ::moshtari::PluginDescriptor* moshtari_plugin_entry() noexcept {                   \
        static const ::moshtari::PluginDescriptor descriptor{                                \
            ::moshtari::kAbiMajor, ::moshtari::kAbiMinor, MOSHTARI_TOOLCHAIN_TAG, plugin_id, \
            &moshtari_create_plugin};                                                        \
        return &descriptor;                                                                  \
    }                                                                                        \
    }                                                                                        \
    BOOST_DLL_ALIAS(moshtari_plugin_entry, moshtari_plugin_descriptor)
