// `moshtari plugins list|info`: what the host found, loaded and started, and why a plugin failed.

#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "moshtari/error.hpp"
#include "moshtari/plugin_host.hpp"

namespace moshtari::cli {

namespace {

std::string abi_of(const PluginManifest& manifest) {
    return fmt::format("{}.{}", manifest.abi_major, manifest.abi_minor);
}

std::vector<std::string> provided(const PluginManifest& manifest) {
    std::vector<std::string> names;
    for (const auto& extension : manifest.provides)
        names.push_back(extension.kind + ":" + extension.name);
    return names;
}

void print_plugins(CliContext& context) {
    Table table{{"id", "version", "abi", "state", "provides", "error"}, {}};
    for (const auto& plugin : context.workspace().plugins().plugins()) {
        const auto& m = plugin.manifest;
        table.rows.push_back({m.id, m.version, abi_of(m), to_string(plugin.state),
                              fmt::format("{}", fmt::join(provided(m), ", ")), plugin.error});
    }
    context.print(table);
}

Record plugin_record(const PluginInfo& plugin) {
    const auto& m = plugin.manifest;
    Record record;
    record.fields = {{"id", m.id},
                     {"version", m.version},
                     {"summary", m.summary},
                     {"status", m.status},
                     {"license", m.license},
                     {"abi", abi_of(m)},
                     {"state", to_string(plugin.state)},
                     {"toolchain", plugin.toolchain},
                     {"folder", m.dir.string()},
                     {"library", m.library.string()},
                     {"error", plugin.error}};
    Table provides{{"kind", "name"}, {}};
    for (const auto& extension : m.provides)
        provides.rows.push_back({extension.kind, extension.name});
    Table requires_{{"id", "versions"}, {}};
    for (const auto& requirement : m.dependencies)
        requires_.rows.push_back({requirement.id, requirement.versions});
    record.sections = {{"provides", std::move(provides)}, {"requires", std::move(requires_)}};
    return record;
}

void print_plugin(CliContext& context, const std::string& id) {
    const PluginInfo* plugin = context.workspace().plugins().find(id);
    if (!plugin) {
        throw NotFound(fmt::format(
            "there is no plugin '{}'; `moshtari plugins list` shows the plugins found", id));
    }
    context.print(plugin_record(*plugin));
}

}  // namespace

void add_plugins_command(CLI::App& app, CliContext& context) {
    auto* plugins =
        add_command_group(app, "plugins", "The plugins found, their state and what they provide");

    auto* list = plugins->add_subcommand("list", "List the plugins with their state and any error");
    context.add_json_flag(*list);
    list->callback([&context] { print_plugins(context); });

    auto* info = plugins->add_subcommand(
        "info", "Show one plugin's manifest, state, toolchain, folder and error");
    auto id = std::make_shared<std::string>();
    info->add_option("id", *id, "Plugin id")->required();
    context.add_json_flag(*info);
    info->callback([&context, id] { print_plugin(context, *id); });
}

}  // namespace moshtari::cli
