#pragma once
// The PluginContext handed to one plugin's start(): registrations are tagged with the plugin's id.

#include <vector>
#include "outbox/channel_registry.hpp"
#include "workspace/segmenter_registry.hpp"

#include "moshtari/plugin_context.hpp"
#include "moshtari/plugin_host.hpp"

namespace moshtari {

class PluginContextImpl final : public PluginContext {
  public:
    PluginContextImpl(Workspace& workspace, const PluginInfo& plugin,
                      std::vector<Command>& commands,
                      const std::vector<std::string>& reserved_commands,
                      std::vector<PersonalDataHandler>& personal_data_handlers,
                      ChannelRegistry& channels, SegmenterRegistry& segmenters);
    // Withdraws the plugin's durable subscriber, commands, personal data handlers and channels:
    // when its start failed, or at shutdown.
    ~PluginContextImpl() override;

    const std::string& plugin_id() const override { return id_; }
    const std::filesystem::path& plugin_dir() const override { return dir_; }
    Workspace& workspace() override { return workspace_; }
    void add_migrations(const std::vector<Migration>& migrations) override;
    DurableSubscriber& durable_subscriber() override;
    Subscription subscribe(std::string_view event_type, EventBus::Slot slot) override;
    void add_command(Command command) override;
    void add_personal_data_handler(PersonalDataHandler handler) override;
    void add_channel(std::shared_ptr<Channel> channel) override;
    void add_segmenter(std::shared_ptr<Segmenter> segmenter) override;

  private:
    Workspace& workspace_;
    std::string id_;
    std::filesystem::path dir_;
    std::vector<Command>& commands_;
    const std::vector<std::string>& reserved_commands_;
    std::vector<std::string> added_commands_;
    std::vector<PersonalDataHandler>& personal_data_handlers_;
    std::vector<std::string> added_handlers_;
    ChannelRegistry& channels_;
    SegmenterRegistry& segmenters_;
    bool has_durable_subscriber_ = false;
};

}  // namespace moshtari
