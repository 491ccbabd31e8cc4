#include "workspace/plugin_context_impl.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/error.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari {

PluginContextImpl::PluginContextImpl(Workspace& workspace, const PluginInfo& plugin,
                                     std::vector<Command>& commands,
                                     const std::vector<std::string>& reserved_commands)
    : workspace_(workspace),
      id_(plugin.manifest.id),
      dir_(plugin.manifest.dir),
      commands_(commands),
      reserved_commands_(reserved_commands) {}

void PluginContextImpl::add_migrations(const std::vector<Migration>& migrations) {
    migrate(workspace_.database(), id_, migrations);
}

PluginContextImpl::~PluginContextImpl() {
    if (has_durable_subscriber_) workspace_.dispatcher().remove(id_);
    std::erase_if(commands_, [&](const Command& c) {
        return std::find(added_commands_.begin(), added_commands_.end(), c.name) !=
               added_commands_.end();
    });
}

DurableSubscriber& PluginContextImpl::durable_subscriber() {
    has_durable_subscriber_ = true;
    return workspace_.dispatcher().durable(id_, id_);
}

Subscription PluginContextImpl::subscribe(std::string_view event_type, EventBus::Slot slot) {
    return workspace_.bus().subscribe(event_type, id_, std::move(slot));
}

void PluginContextImpl::add_command(Command command) {
    if (command.name.empty() || !command.define) {
        throw UserError(
            fmt::format("plugin '{}' registered a command without a name or definition", id_));
    }
    if (std::find(reserved_commands_.begin(), reserved_commands_.end(), command.name) !=
        reserved_commands_.end()) {
        throw UserError(
            fmt::format("plugin '{}' wants the command '{}', which the core already has; rename it",
                        id_, command.name));
    }
    if (std::any_of(commands_.begin(), commands_.end(),
                    [&](const Command& c) { return c.name == command.name; })) {
        throw UserError(fmt::format(
            "plugin '{}' wants the command '{}', which another plugin already registered", id_,
            command.name));
    }
    added_commands_.push_back(command.name);
    commands_.push_back(std::move(command));
}

}  // namespace moshtari
