#include "moshtari/plugin_host.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <system_error>

#include "guard.hpp"
#include "host/dependency_resolution.hpp"
#include "host/library_registry.hpp"
#include "host/plugin_failure.hpp"
#include "moshtari/config.hpp"
#include "moshtari/plugin.hpp"
#include "moshtari/plugin_context.hpp"
#include "moshtari/plugin_descriptor.hpp"
#include "moshtari/toolchain.hpp"
#include "moshtari/version.hpp"

namespace fs = std::filesystem;

namespace moshtari {

const char* to_string(PluginState state) {
    switch (state) {
        case PluginState::read:
            return "read";
        case PluginState::resolved:
            return "resolved";
        case PluginState::loaded:
            return "loaded";
        case PluginState::running:
            return "running";
        case PluginState::stopped:
            return "stopped";
        case PluginState::failed:
            return "failed";
    }
    return "unknown";
}

namespace {

void fail(PluginInfo& plugin, std::string error) {
    spdlog::error("{}", error);
    mark_failed(plugin, std::move(error));
}

// A check that refuses to load a plugin; the message is the plugin's error.
class Refusal : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The plugin folders directly under `dir`, sorted so discovery does not depend on directory order.
std::vector<fs::path> plugin_folders(const fs::path& dir) {
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        spdlog::warn("plugin folder {} {}; create it or remove it from plugins.paths", dir.string(),
                     fs::exists(dir, error) ? "is not a folder" : "does not exist");
        return {};
    }
    std::vector<fs::path> folders;
    for (fs::directory_iterator entry(dir, error), end; !error && entry != end;
         entry.increment(error)) {
        std::error_code ignored;
        if (entry->is_directory(ignored) &&
            fs::is_regular_file(entry->path() / "plugin.yaml", ignored)) {
            folders.push_back(entry->path());
        }
    }
    if (error) {
        spdlog::warn("plugin folder {} cannot be listed ({}); check its permissions", dir.string(),
                     error.message());
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

PluginInfo read_plugin(const fs::path& folder) {
    PluginInfo plugin;
    try {
        plugin.manifest = PluginManifest::read(folder / "plugin.yaml");
    } catch (const ConfigError& error) {
        // Without a readable manifest the folder name is the best guess at
        // the id, as the build lays it out.
        plugin.manifest.id = folder.filename().string();
        plugin.manifest.dir = folder;
        mark_failed(plugin, "plugin " + in_quotes(plugin.manifest.id) +
                                " has an invalid plugin.yaml; correct it: " + error.what());
    }
    return plugin;
}

void fail_duplicates(std::vector<PluginInfo>& plugins) {
    std::map<std::string, fs::path> first_dir;
    for (auto& plugin : plugins) {
        const auto [first, inserted] = first_dir.emplace(plugin.manifest.id, plugin.manifest.dir);
        if (!inserted) {
            mark_failed(plugin, "plugin " + in_quotes(plugin.manifest.id) + " in " +
                                    plugin.manifest.dir.string() +
                                    " is a duplicate of the one in " + first->second.string() +
                                    "; remove one");
        }
    }
}

std::string joined(const std::vector<fs::path>& dirs) {
    std::string text;
    for (const auto& dir : dirs) {
        text += (text.empty() ? "" : ", ") + dir.string();
    }
    return text.empty() ? "(plugins.paths is empty)" : text;
}

// Keeps the enabled plugins, adds a failed record for each enabled id that was
// not found, and returns the ids of the plugins left out, so a requirement on one
// can say it is merely not enabled.
std::set<std::string> keep_enabled(std::vector<PluginInfo>& plugins,
                                   const std::vector<std::string>& enabled,
                                   const std::vector<fs::path>& search_dirs) {
    const std::set<std::string> wanted(enabled.begin(), enabled.end());
    std::set<std::string> disabled;
    std::set<std::string> found;
    std::vector<PluginInfo> kept;
    for (auto& plugin : plugins) {
        if (wanted.contains(plugin.manifest.id)) {
            found.insert(plugin.manifest.id);
            kept.push_back(std::move(plugin));
        } else {
            disabled.insert(plugin.manifest.id);
        }
    }
    for (const auto& id : wanted) {
        if (!found.contains(id)) {
            PluginInfo missing;
            missing.manifest.id = id;
            mark_failed(missing, "plugin " + in_quotes(id) +
                                     " is enabled in the configuration but was not found in: " +
                                     joined(search_dirs) +
                                     "; install it there or remove it from plugins.enabled");
            kept.push_back(std::move(missing));
        }
    }
    plugins = std::move(kept);
    return disabled;
}

std::string abi_text(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// A plugin built for a newer minor ABI may use what this host lacks; a
// different major is incompatible.
void check_abi(const PluginManifest& manifest, unsigned major, unsigned minor,
               std::string_view source) {
    if (major == kAbiMajor && minor <= kAbiMinor) {
        return;
    }
    throw Refusal("plugin " + in_quotes(manifest.id) + " was built for Moshtari plugin ABI " +
                  abi_text(major, minor) + " (" + std::string(source) +
                  "), but this host provides ABI " + abi_text(kAbiMajor, kAbiMinor) +
                  "; rebuild the plugin against Moshtari " + kVersion + "'s SDK");
}

std::shared_ptr<const boost::dll::shared_library> open_library(const PluginManifest& manifest) {
    const auto file = manifest.library.string();
    std::error_code ignored;
    if (!fs::is_regular_file(manifest.library, ignored)) {
        throw Refusal("plugin " + in_quotes(manifest.id) + ": its library " + file +
                      " does not exist; build the plugin or reinstall it");
    }
    try {
        return open_library_forever(manifest.library);
    } catch (const std::exception& error) {
        throw Refusal("plugin " + in_quotes(manifest.id) + ": its library " + file +
                      " cannot be opened (" + error.what() +
                      "); rebuild it against this Moshtari or reinstall it");
    }
}

// Only plain data is read from the descriptor until every check has passed, so a plugin built
// differently never has its C++ code called.
const PluginDescriptor& checked_descriptor(PluginInfo& plugin,
                                           const boost::dll::shared_library& library) {
    const auto& manifest = plugin.manifest;
    const auto file = manifest.library.string();
    if (!library.has(kPluginEntryAlias)) {
        throw Refusal("plugin " + in_quotes(manifest.id) + ": its library " + file +
                      " does not export the entry '" + kPluginEntryAlias +
                      "'; build it with MOSHTARI_PLUGIN(...)");
    }
    const PluginDescriptor* descriptor = library.get_alias<PluginEntry>(kPluginEntryAlias)();
    if (descriptor == nullptr) {
        throw Refusal("plugin " + in_quotes(manifest.id) + ": its library " + file +
                      " returned no descriptor; build it with MOSHTARI_PLUGIN(...)");
    }
    check_abi(manifest, descriptor->abi_major, descriptor->abi_minor,
              "as its library " + file + " reports");

    plugin.toolchain =
        descriptor->toolchain != nullptr ? descriptor->toolchain : "an unknown toolchain";
    if (plugin.toolchain != host_toolchain_tag()) {
        throw Refusal("plugin " + in_quotes(manifest.id) + " was compiled with " +
                      plugin.toolchain + " but the host with " + std::string(host_toolchain_tag()) +
                      "; build both the same way");
    }
    const std::string_view binary_id = descriptor->id != nullptr ? descriptor->id : "";
    if (binary_id != manifest.id) {
        throw Refusal("plugin " + in_quotes(manifest.id) + ": its library " + file +
                      " calls itself " + in_quotes(binary_id) +
                      "; make the id in MOSHTARI_PLUGIN(...) equal the id in its plugin.yaml");
    }
    if (descriptor->create == nullptr) {
        throw Refusal("plugin " + in_quotes(manifest.id) + ": its library " + file +
                      " has no factory; build it with MOSHTARI_PLUGIN(...)");
    }
    return *descriptor;
}

// Calls into the plugin's code behind the core's guard (which logs the exception), so an exception
// fails that plugin alone and the host goes on with the others. Returns whether the call succeeded.
bool guarded(PluginInfo& plugin, std::string_view call_name, std::string_view failed_while,
             const std::function<void()>& call) {
    const auto reason = run_guarded(plugin.manifest.id, call_name, call);
    if (reason) {
        const auto& id = plugin.manifest.id;
        mark_failed(plugin, "plugin " + in_quotes(id) + " " + std::string(failed_while) + ": " +
                                *reason + "; fix the cause or remove " + in_quotes(id) +
                                " from plugins.enabled");
    }
    return !reason;
}

// The object's destructor is code in the library: the deleter holds the
// library for as long as it may run.
std::shared_ptr<Plugin> hold(Plugin* object,
                             std::shared_ptr<const boost::dll::shared_library> library) {
    return std::shared_ptr<Plugin>(
        object, [library = std::move(library)](Plugin* doomed) { delete doomed; });
}

}  // namespace

struct PluginHost::Impl {
    // What the host holds for the plugin at the same index of `plugins`.
    struct Instance {
        std::shared_ptr<Plugin> object;
        std::unique_ptr<PluginContext>
            context;  // outlives `object`: the plugin may keep a reference to it
    };

    std::vector<fs::path> search_dirs;
    std::vector<std::string> enabled;
    std::vector<PluginInfo> plugins;
    std::vector<Instance> instances;

    // The first dependency of `plugin` that is not in `state`, if any. Only for a plugin that was
    // resolved, so each of its dependencies is there.
    const PluginInfo* dependency_not(const PluginInfo& plugin, PluginState state) const {
        for (const auto& requirement : plugin.manifest.dependencies) {
            const auto dependency = std::find_if(
                plugins.begin(), plugins.end(),
                [&](const PluginInfo& other) { return other.manifest.id == requirement.id; });
            if (dependency->state != state) {
                return &*dependency;
            }
        }
        return nullptr;
    }
};

PluginHost::PluginHost(std::vector<fs::path> search_dirs, std::vector<std::string> enabled)
    : impl_(std::make_unique<Impl>()) {
    impl_->search_dirs = std::move(search_dirs);
    impl_->enabled = std::move(enabled);
}

PluginHost::~PluginHost() {
    stop();
    for (auto instance = impl_->instances.rbegin(); instance != impl_->instances.rend();
         ++instance) {
        instance->object.reset();
    }
    for (auto instance = impl_->instances.rbegin(); instance != impl_->instances.rend();
         ++instance) {
        instance->context.reset();
    }
}

void PluginHost::discover() {
    if (std::any_of(impl_->instances.begin(), impl_->instances.end(),
                    [](const Impl::Instance& instance) { return instance.object != nullptr; })) {
        throw std::logic_error(
            "PluginHost::discover() called after load(); discover once, before loading");
    }
    std::vector<PluginInfo> found;
    for (const auto& dir : impl_->search_dirs) {
        for (const auto& folder : plugin_folders(dir)) {
            found.push_back(read_plugin(folder));
        }
    }
    fail_duplicates(found);
    std::set<std::string> disabled;
    if (!impl_->enabled.empty()) {
        disabled = keep_enabled(found, impl_->enabled, impl_->search_dirs);
    }
    resolve_dependencies(found, disabled);
    for (const auto& plugin : found) {
        if (plugin.state == PluginState::failed) {
            spdlog::error("{}", plugin.error);
        }
    }
    impl_->plugins = std::move(found);
    impl_->instances = std::vector<Impl::Instance>(impl_->plugins.size());
}

void PluginHost::load() {
    for (std::size_t i = 0; i < impl_->plugins.size(); ++i) {
        auto& plugin = impl_->plugins[i];
        if (plugin.state != PluginState::resolved) {
            continue;
        }
        // Dependencies come first, so each has been loaded or has failed by now.
        if (const auto* dependency = impl_->dependency_not(plugin, PluginState::loaded)) {
            fail(plugin, "plugin " + in_quotes(plugin.manifest.id) +
                             " cannot be used because its dependency " +
                             in_quotes(dependency->manifest.id) + " failed; fix " +
                             in_quotes(dependency->manifest.id) + " or remove " +
                             in_quotes(plugin.manifest.id) + " from plugins.enabled");
            continue;
        }
        try {
            check_abi(plugin.manifest, plugin.manifest.abi_major, plugin.manifest.abi_minor,
                      "as its plugin.yaml says");
            auto library = open_library(plugin.manifest);
            const auto& descriptor = checked_descriptor(plugin, *library);
            Plugin* object = nullptr;
            if (!guarded(plugin, "create", "failed while being created",
                         [&] { object = descriptor.create(); })) {
                continue;
            }
            if (object == nullptr) {
                throw Refusal("plugin " + in_quotes(plugin.manifest.id) +
                              " created no object; remove it from plugins.enabled and report this "
                              "to its authors");
            }
            impl_->instances[i].object = hold(object, std::move(library));
            plugin.state = PluginState::loaded;
            spdlog::debug("plugin '{}' {} loaded from {}", plugin.manifest.id,
                          plugin.manifest.version, plugin.manifest.library.string());
        } catch (const Refusal& refusal) {
            fail(plugin, refusal.what());
        }
    }
}

std::vector<ConfigProblem> PluginHost::configure(const Config& config) {
    std::vector<ConfigProblem> problems;
    for (std::size_t i = 0; i < impl_->plugins.size(); ++i) {
        auto& plugin = impl_->plugins[i];
        if (plugin.state != PluginState::loaded) {
            continue;
        }
        guarded(plugin, "configure", "failed while reading its configuration", [&] {
            try {
                impl_->instances[i].object->configure(config.plugin_section(plugin.manifest.id));
            } catch (const ConfigError& error) {
                // The user's to fix, with the others found: the plugin itself is fine.
                problems.insert(problems.end(), error.problems().begin(), error.problems().end());
            }
        });
    }
    return problems;
}

void PluginHost::start(const ContextFactory& make_context) {
    for (std::size_t i = 0; i < impl_->plugins.size(); ++i) {
        auto& plugin = impl_->plugins[i];
        if (plugin.state != PluginState::loaded) {
            continue;
        }
        const auto& id = plugin.manifest.id;
        if (const auto* dependency = impl_->dependency_not(plugin, PluginState::running)) {
            const auto& dependency_id = dependency->manifest.id;
            const std::string why =
                dependency->state == PluginState::failed
                    ? "failed"
                    : std::string("is ") + to_string(dependency->state) + " instead of running";
            fail(plugin, "plugin " + in_quotes(id) + " was not started because its dependency " +
                             in_quotes(dependency_id) + " " + why + "; fix " +
                             in_quotes(dependency_id) + " or remove " + in_quotes(id) +
                             " from plugins.enabled");
            continue;
        }
        auto& instance = impl_->instances[i];
        guarded(plugin, "start", "failed to start", [&] {
            instance.context = make_context(plugin);
            instance.object->start(*instance.context);
            plugin.state = PluginState::running;
            spdlog::debug("plugin '{}' started", id);
        });
        if (plugin.state != PluginState::running) {
            // Whatever it registered before failing goes with it: the object drops its live
            // subscriptions, the context withdraws its durable subscriber and commands.
            instance.object.reset();
            instance.context.reset();
        }
    }
}

void PluginHost::stop() noexcept {
    for (std::size_t i = impl_->plugins.size(); i-- > 0;) {
        auto& plugin = impl_->plugins[i];
        if (plugin.state != PluginState::running) {
            continue;
        }
        impl_->instances[i].object->stop();
        plugin.state = PluginState::stopped;
        spdlog::debug("plugin '{}' stopped", plugin.manifest.id);
    }
}

const std::vector<PluginInfo>& PluginHost::plugins() const {
    return impl_->plugins;
}

const PluginInfo* PluginHost::find(std::string_view id) const {
    const auto found =
        std::find_if(impl_->plugins.begin(), impl_->plugins.end(),
                     [id](const PluginInfo& plugin) { return plugin.manifest.id == id; });
    return found != impl_->plugins.end() ? &*found : nullptr;
}

}  // namespace moshtari
