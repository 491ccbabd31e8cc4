#pragma once
// Finds, checks, loads, starts and stops plugins. A plugin that fails keeps its error and the
// others go on. Libraries are never unloaded while the process lives.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "moshtari/config_error.hpp"
#include "moshtari/export.hpp"
#include "moshtari/plugin_manifest.hpp"

namespace moshtari {

class Config;
class Plugin;
class PluginContext;

enum class PluginState { read, resolved, loaded, running, stopped, failed };

MOSHTARI_API const char* to_string(PluginState state);

struct PluginInfo {
    PluginManifest manifest;
    PluginState state = PluginState::read;
    std::string error;      // why it failed: a sentence naming the plugin and what to do
    std::string toolchain;  // as reported by the library once loaded
};

class MOSHTARI_API PluginHost {
  public:
    using ContextFactory = std::function<std::unique_ptr<PluginContext>(const PluginInfo&)>;

    // `enabled` empty: every plugin found. Otherwise only those ids (and an id not found is a
    // failure).
    PluginHost(std::vector<std::filesystem::path> search_dirs,
               std::vector<std::string> enabled = {});
    ~PluginHost();  // stops what runs, then destroys plugin objects in reverse load order
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    // Reads <dir>/*/plugin.yaml, resolves requirements (missing, version, cycles) and orders by
    // dependency.
    void discover();
    // Checks the manifest ABI, opens each library, checks its descriptor and creates the plugin
    // object.
    void load();
    // Hands each loaded plugin its section; returns the configuration problems found (the plugins
    // stay loaded).
    std::vector<ConfigProblem> configure(const Config& config);
    // Starts loaded plugins in dependency order; a plugin whose dependency is not running fails.
    void start(const ContextFactory& make_context);
    // Stops running plugins in reverse order.
    void stop() noexcept;

    // In dependency order.
    const std::vector<PluginInfo>& plugins() const;
    const PluginInfo* find(std::string_view id) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace moshtari
