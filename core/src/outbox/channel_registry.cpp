#include "outbox/channel_registry.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/error.hpp"

namespace moshtari {

void ChannelRegistry::add(const std::string& plugin_id, std::shared_ptr<Channel> channel) {
    if (!channel || channel->name().empty()) {
        throw UserError(
            fmt::format("plugin '{}' registered a channel without a name; give it one", plugin_id));
    }
    const std::string name = channel->name();
    if (const Entry* taken = find(name)) {
        throw UserError(fmt::format(
            "plugin '{}' wants the channel '{}', which plugin '{}' already registered; enable only "
            "one of them",
            plugin_id, name, taken->plugin_id));
    }
    entries_.push_back(Entry{name, plugin_id, std::move(channel)});
}

void ChannelRegistry::withdraw(std::string_view plugin_id) {
    std::erase_if(entries_, [&](const Entry& entry) { return entry.plugin_id == plugin_id; });
}

const ChannelRegistry::Entry* ChannelRegistry::find(std::string_view name) const {
    const auto found = std::find_if(entries_.begin(), entries_.end(),
                                    [&](const Entry& entry) { return entry.name == name; });
    return found != entries_.end() ? &*found : nullptr;
}

std::string ChannelRegistry::names() const {
    if (entries_.empty()) return "none";
    std::string text;
    for (const auto& entry : entries_) text += (text.empty() ? "" : ", ") + entry.name;
    return text;
}

}  // namespace moshtari
