#pragma once
// What a plugin implements. The host calls configure() before the store is opened, start() in
// dependency order, and stop() in reverse order at shutdown.

#include "moshtari/config_section.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

class PluginContext;

class MOSHTARI_API Plugin {
  public:
    virtual ~Plugin() = default;

    // Validate and keep the plugin's own section of moshtari.yaml; throw ConfigError (section.fail)
    // on bad input. The default accepts no keys.
    virtual void configure(const ConfigSection& section);
    // Register everything through the context; nothing may be registered after start returns.
    virtual void start(PluginContext& context) = 0;
    virtual void stop() noexcept {}
};

}  // namespace moshtari
