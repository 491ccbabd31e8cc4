#include "workspace/plugin_context_impl.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/error.hpp"
#include "moshtari/workspace.hpp"
#include "outbox/channel_registry.hpp"

namespace moshtari {

namespace {

// Commands and handlers are both registered under a name.
template <class Named>
bool name_taken(const std::vector<Named>& items, const std::string& name) {
    return std::any_of(items.begin(), items.end(),
                       [&](const Named& item) { return item.name == name; });
}

template <class Named>
void withdraw(std::vector<Named>& items, const std::vector<std::string>& names) {
    std::erase_if(items, [&](const Named& item) {
        return std::find(names.begin(), names.end(), item.name) != names.end();
    });
}

}  // namespace

PluginContextImpl::PluginContextImpl(Workspace& workspace, const PluginInfo& plugin,
                                     std::vector<Command>& commands,
                                     const std::vector<std::string>& reserved_commands,
                                     std::vector<PersonalDataHandler>& personal_data_handlers,
                                     ChannelRegistry& channels, SegmenterRegistry& segmenters)
    : workspace_(workspace),
      id_(plugin.manifest.id),
      dir_(plugin.manifest.dir),
      commands_(commands),
      reserved_commands_(reserved_commands),
      personal_data_handlers_(personal_data_handlers),
      channels_(channels),
      segmenters_(segmenters) {}

void PluginContextImpl::add_migrations(const std::vector<Migration>& migrations) {
    migrate(workspace_.database(), id_, migrations);
}

PluginContextImpl::~PluginContextImpl() {
    if (has_durable_subscriber_) workspace_.dispatcher().remove(id_);
    withdraw(commands_, added_commands_);
    withdraw(personal_data_handlers_, added_handlers_);
    channels_.withdraw(id_);
    segmenters_.withdraw(id_);
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
    if (name_taken(commands_, command.name)) {
        throw UserError(fmt::format(
            "plugin '{}' wants the command '{}', which another plugin already registered", id_,
            command.name));
    }
    added_commands_.push_back(command.name);
    commands_.push_back(std::move(command));
}

void PluginContextImpl::add_personal_data_handler(PersonalDataHandler handler) {
    if (handler.name.empty() || !handler.export_data || !handler.erase || !handler.merge) {
        throw UserError(fmt::format(
            "plugin '{}' registered a personal data handler without a name or without one of "
            "export_data, erase and merge; give it all four",
            id_));
    }
    if (name_taken(personal_data_handlers_, handler.name)) {
        throw UserError(fmt::format(
            "plugin '{}' wants the personal data handler '{}', which another plugin already "
            "registered; rename it",
            id_, handler.name));
    }
    added_handlers_.push_back(handler.name);
    personal_data_handlers_.push_back(std::move(handler));
}

void PluginContextImpl::add_channel(std::shared_ptr<Channel> channel) {
    channels_.add(id_, std::move(channel));
}

void PluginContextImpl::add_segmenter(std::shared_ptr<Segmenter> segmenter) {
    segmenters_.add(id_, std::move(segmenter));
}

}  // namespace moshtari
