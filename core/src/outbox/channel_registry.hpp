#pragma once
// The channels running plugins registered, by name, with the plugin each came from.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/channel.hpp"

namespace moshtari {

class ChannelRegistry {
  public:
    struct Entry {
        std::string name;
        std::string plugin_id;
        std::shared_ptr<Channel> channel;
    };

    // Refused (UserError) for a null channel, an empty name or a name already registered.
    void add(const std::string& plugin_id, std::shared_ptr<Channel> channel);
    // Drops every channel the plugin registered.
    void withdraw(std::string_view plugin_id);

    const Entry* find(std::string_view name) const;
    const std::vector<Entry>& entries() const { return entries_; }
    // "email, sms", or "none" when no plugin registered a channel.
    std::string names() const;

  private:
    std::vector<Entry> entries_;
};

}  // namespace moshtari
