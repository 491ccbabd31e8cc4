#pragma once
// A deployment opened from its moshtari.yaml: the store, event log, bus, dispatcher, stores and
// running plugins. This is the facade the CLI, the SDK's test host and plugins work through.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "moshtari/command.hpp"
#include "moshtari/delivery_report.hpp"
#include "moshtari/export.hpp"
#include "moshtari/personal_data_handler.hpp"
#include "moshtari/pipeline.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

class Config;
class Channel;
class CustomerFacts;
class CustomerMergeStore;
class CustomerStore;
class Database;
class DealStore;
class Dispatcher;
class EventBus;
class EventLog;
class InteractionStore;
class OrderStore;
class Outbox;
class PluginHost;
class PrivacyStore;
class SegmentStore;
class Segmenter;
struct SegmentRun;
class TaskStore;

struct WorkspaceOptions {
    std::vector<std::filesystem::path> preset_dirs;  // where `extends:` names are looked up
    // Searched when the configuration sets no plugins.paths (the CLI passes the plugins installed
    // beside it).
    std::vector<std::filesystem::path> default_plugin_dirs;
    // Command names the caller (the CLI) already uses; a plugin registering one of them is refused.
    std::vector<std::string> reserved_commands;
};

class MOSHTARI_API Workspace {
  public:
    // Reads and validates the whole configuration (core and every plugin section) before anything
    // is written; throws ConfigError listing every problem. Then opens the store, migrates it and
    // starts the plugins.
    static std::unique_ptr<Workspace> open(const std::filesystem::path& config_file,
                                           const WorkspaceOptions& options = {});
    ~Workspace();

    const Config& config() const;
    Database& database();
    EventLog& event_log();
    EventBus& bus();
    Dispatcher& dispatcher();
    CustomerStore& customers();
    InteractionStore& interactions();
    OrderStore& orders();
    DealStore& deals();
    TaskStore& tasks();
    CustomerMergeStore& merges();
    PrivacyStore& privacy();
    // Each customer's order facts and the features segmenters and value models read.
    CustomerFacts& facts();
    // Stored segmentation runs and each customer's current segments.
    SegmentStore& segments();
    // The segmenter a running plugin registered under `name`, nullptr when none did.
    std::shared_ptr<Segmenter> segmenter(std::string_view name) const;
    // The registered segmenters' names, sorted; "none" is not among them.
    std::vector<std::string> segmenter_names() const;
    // Runs the segmenter as of `as_of` and stores the result (one transaction; SegmentsChanged for
    // the customers it moved). Throws UserError naming the segmenters there are when `name` is not
    // one of them.
    SegmentRun run_segmenter(std::string_view name, Timestamp as_of);
    // Messages to customers, queued in the caller's transaction and delivered by deliver_messages.
    Outbox& outbox();
    // The channel a running plugin registered under `name`, nullptr when none did. Do not keep it
    // past the workspace: it is the plugin's object.
    std::shared_ptr<Channel> channel(std::string_view name) const;
    const std::vector<Pipeline>& pipelines() const;
    PluginHost& plugins();
    // Commands the running plugins registered.
    const std::vector<Command>& commands() const;
    // Personal data handlers the running plugins registered.
    const std::vector<PersonalDataHandler>& personal_data_handlers() const;

    // One pass of the worker: writes the DailyTick for `now`'s date if not yet written, then
    // dispatches until nothing is pending. Returns the number of events delivered.
    std::size_t run_worker_pass(Timestamp now);
    // Hands every message due at `now` to its channel, batch by batch, until nothing is due:
    // checks consent, suppression, quiet hours and rate limits first, records each outcome. Safe
    // with other workers on the same database.
    DeliveryReport deliver_messages(Timestamp now);

  private:
    Workspace();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace moshtari
