#pragma once
// The only way a plugin registers anything: migrations, event subscriptions, CLI commands,
// personal data handlers, channels. Valid during start().

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "moshtari/channel.hpp"
#include "moshtari/command.hpp"
#include "moshtari/dispatcher.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/personal_data_handler.hpp"
#include "moshtari/segmenter.hpp"

namespace moshtari {

class Workspace;

class PluginContext {
  public:
    virtual ~PluginContext() = default;

    virtual const std::string& plugin_id() const = 0;
    // The folder the plugin was loaded from: its manifest, library and own data files.
    virtual const std::filesystem::path& plugin_dir() const = 0;
    // Stores, database, event log and live bus. Outlives the plugin.
    virtual Workspace& workspace() = 0;

    // Applied at once, in the plugin's own namespace (its id); name tables "<plugin>_<table>" with
    // '-' as '_'.
    virtual void add_migrations(const std::vector<Migration>& migrations) = 0;
    // The plugin's durable subscriber, with a cursor named after the plugin.
    virtual DurableSubscriber& durable_subscriber() = 0;
    // Live, in-process subscription; errors in the slot are logged under the plugin's name.
    virtual Subscription subscribe(std::string_view event_type, EventBus::Slot slot) = 0;
    // Refused (UserError) when another plugin or the core already has a command of that name.
    virtual void add_command(Command command) = 0;
    // Required of a plugin that keeps personal data in its own tables, so that erasing, exporting
    // and merging customers covers them. Refused (UserError) when the name is taken or a callback
    // is missing.
    virtual void add_personal_data_handler(PersonalDataHandler handler) = 0;
    // A channel the outbox's delivery worker hands messages to, by its name(). Refused (UserError)
    // when another plugin already has a channel of that name. Released when the plugin stops.
    virtual void add_channel(std::shared_ptr<Channel> channel) = 0;
    // A segmentation method `moshtari segment run` and Workspace::run_segmenter find by its
    // name(). Refused (UserError) when another plugin already has a segmenter of that name.
    virtual void add_segmenter(std::shared_ptr<Segmenter> segmenter) = 0;
};

}  // namespace moshtari
