#pragma once
// The extensions of one kind (channels, segmenters) that running plugins registered, by name, with
// the plugin each came from. A name is taken once: two plugins offering the same one are refused.

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/error.hpp"

namespace moshtari {

template <class Extension>
class ExtensionRegistry {
  public:
    struct Entry {
        std::string name;
        std::string plugin_id;
        std::shared_ptr<Extension> extension;
    };

    // `kind` names the extension in messages: "channel", "segmenter".
    explicit ExtensionRegistry(std::string kind) : kind_(std::move(kind)) {}

    // Refused (UserError) for a null extension, an empty name or a name already registered.
    void add(const std::string& plugin_id, std::shared_ptr<Extension> extension) {
        if (!extension || extension->name().empty()) {
            throw UserError(fmt::format("plugin '{}' registered a {} without a name; give it one",
                                        plugin_id, kind_));
        }
        const std::string name = extension->name();
        if (const Entry* taken = find(name)) {
            throw UserError(
                fmt::format("plugin '{}' wants the {} '{}', which plugin '{}' already registered; "
                            "enable only one of them",
                            plugin_id, kind_, name, taken->plugin_id));
        }
        entries_.push_back(Entry{name, plugin_id, std::move(extension)});
    }

    // Drops every extension the plugin registered.
    void withdraw(std::string_view plugin_id) {
        std::erase_if(entries_, [&](const Entry& entry) { return entry.plugin_id == plugin_id; });
    }

    const Entry* find(std::string_view name) const {
        const auto found = std::find_if(entries_.begin(), entries_.end(),
                                        [&](const Entry& entry) { return entry.name == name; });
        return found != entries_.end() ? &*found : nullptr;
    }

    const std::vector<Entry>& entries() const { return entries_; }

    // "email, sms", or "none" when no plugin registered one.
    std::string names() const {
        if (entries_.empty()) return "none";
        std::string text;
        for (const auto& entry : entries_) text += (text.empty() ? "" : ", ") + entry.name;
        return text;
    }

  private:
    std::string kind_;
    std::vector<Entry> entries_;
};

}  // namespace moshtari
