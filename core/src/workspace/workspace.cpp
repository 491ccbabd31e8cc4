#include "moshtari/workspace.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "moshtari/config.hpp"
#include "moshtari/database.hpp"
#include "moshtari/dispatcher.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_bus.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/plugin_host.hpp"
#include "moshtari/segment_store.hpp"
#include "moshtari/segmenter.hpp"
#include "moshtari/transaction.hpp"
#include "outbox/channel_registry.hpp"
#include "outbox/delivery_worker.hpp"
#include "sqlite/core_schema.hpp"
#include "sqlite/customer_facts_view.hpp"
#include "sqlite/order_facts.hpp"
#include "sqlite/sqlite_customer_facts.hpp"
#include "sqlite/sqlite_customer_merge_store.hpp"
#include "sqlite/sqlite_customer_store.hpp"
#include "sqlite/sqlite_deal_store.hpp"
#include "sqlite/sqlite_delivery_queue.hpp"
#include "sqlite/sqlite_interaction_store.hpp"
#include "sqlite/sqlite_order_store.hpp"
#include "sqlite/sqlite_outbox.hpp"
#include "sqlite/sqlite_privacy_store.hpp"
#include "sqlite/sqlite_segment_store.hpp"
#include "sqlite/sqlite_task_store.hpp"
#include "workspace/plugin_context_impl.hpp"
#include "workspace/segmenter_registry.hpp"

namespace moshtari {

// Members are declared in the order they are built; the host comes last so plugins are stopped and
// destroyed before the stores, bus and database they use.
struct Workspace::Impl {
    Config config;
    std::vector<std::string> reserved_commands;
    std::unique_ptr<Database> database;
    std::unique_ptr<EventLog> log;
    EventBus bus;
    std::unique_ptr<Dispatcher> dispatcher;
    std::unique_ptr<sqlite::SqliteCustomerStore> customers;
    std::unique_ptr<sqlite::SqliteInteractionStore> interactions;
    std::unique_ptr<sqlite::SqliteOrderStore> orders;
    std::unique_ptr<sqlite::SqliteDealStore> deals;
    std::unique_ptr<sqlite::SqliteTaskStore> tasks;
    std::vector<Command> commands;
    std::vector<PersonalDataHandler> personal_data_handlers;
    std::unique_ptr<sqlite::SqliteCustomerMergeStore> merges;
    std::unique_ptr<sqlite::SqlitePrivacyStore> privacy;
    std::unique_ptr<sqlite::SqliteCustomerFacts> facts;
    std::unique_ptr<sqlite::SqliteSegmentStore> segments;
    // Emptied by the plugins' contexts as the host destroys them, so no channel object outlives
    // the plugin that made it.
    ChannelRegistry channels{"channel"};
    SegmenterRegistry segmenters{"segmenter"};
    std::unique_ptr<sqlite::SqliteOutbox> outbox;
    std::unique_ptr<sqlite::SqliteDeliveryQueue> delivery_queue;
    std::unique_ptr<DeliveryWorker> delivery_worker;
    std::unique_ptr<PluginHost> host;
};

namespace {

std::vector<std::filesystem::path> preset_search_path(const WorkspaceOptions& options) {
    auto dirs = options.preset_dirs;
    dirs.emplace_back(MOSHTARI_PRESET_INSTALL_DIR);
    return dirs;
}

// Plugin sections are validated by the plugins themselves; unknown top-level keys are errors only
// once we know which plugin ids exist. Every problem, the core's included, is gathered so the user
// fixes them all in one go.
void validate_configuration(const Config& config, PluginHost& host,
                            std::vector<ConfigProblem> problems) {
    const auto plugin_problems = host.configure(config);
    problems.insert(problems.end(), plugin_problems.begin(), plugin_problems.end());
    std::vector<std::string> ids;
    std::vector<std::string> channels;
    for (const auto& plugin : host.plugins()) {
        ids.push_back(plugin.manifest.id);
        for (const auto& provided : plugin.manifest.provides) {
            if (provided.kind == "channel") channels.push_back(provided.name);
        }
    }
    const auto collect = [&](const auto& check) {
        try {
            check();
        } catch (const ConfigError& e) {
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        }
    };
    collect([&] { config.check_unknown_sections(ids); });
    collect([&] { config.check_outbox_channels(channels); });
    if (!problems.empty()) throw ConfigError(std::move(problems));
}

}  // namespace

Workspace::Workspace() : impl_(std::make_unique<Impl>()) {}

Workspace::~Workspace() {
    // Also runs when open() throws half-way, before there is a host.
    if (impl_->host) impl_->host->stop();
    impl_->host.reset();
}

std::unique_ptr<Workspace> Workspace::open(const std::filesystem::path& config_file,
                                           const WorkspaceOptions& options) {
    std::unique_ptr<Workspace> workspace(new Workspace());
    Impl& w = *workspace->impl_;
    std::vector<ConfigProblem> problems;
    w.config = Config::read(config_file, preset_search_path(options), problems);
    w.reserved_commands = options.reserved_commands;

    const auto& dirs =
        w.config.plugin_dirs().empty() ? options.default_plugin_dirs : w.config.plugin_dirs();
    w.host = std::make_unique<PluginHost>(dirs, w.config.enabled_plugins());
    w.host->discover();
    w.host->load();
    validate_configuration(w.config, *w.host, std::move(problems));

    // Only now, with the whole configuration valid, is anything written.
    w.database = std::make_unique<Database>(w.config.database());
    migrate(*w.database, "core", sqlite::core_migrations());
    {
        Transaction tx(*w.database);
        sqlite::prepare_order_facts(*w.database, w.config.default_currency());
        tx.commit();
    }
    w.log = std::make_unique<EventLog>(*w.database);
    w.dispatcher = std::make_unique<Dispatcher>(*w.database, *w.log, w.bus);
    w.customers = std::make_unique<sqlite::SqliteCustomerStore>(*w.database, *w.log);
    w.interactions =
        std::make_unique<sqlite::SqliteInteractionStore>(*w.database, *w.log, *w.customers);
    w.orders = std::make_unique<sqlite::SqliteOrderStore>(*w.database, *w.log, *w.customers);
    w.deals = std::make_unique<sqlite::SqliteDealStore>(*w.database, *w.log, *w.customers,
                                                        w.config.pipelines());
    w.tasks =
        std::make_unique<sqlite::SqliteTaskStore>(*w.database, *w.log, *w.customers, *w.deals);
    w.merges = std::make_unique<sqlite::SqliteCustomerMergeStore>(*w.database, *w.log, *w.customers,
                                                                  w.personal_data_handlers);
    w.privacy = std::make_unique<sqlite::SqlitePrivacyStore>(*workspace, w.personal_data_handlers);
    w.outbox = std::make_unique<sqlite::SqliteOutbox>(*w.database, *w.log, *w.customers, w.channels,
                                                      w.config.outbox());
    w.delivery_queue = std::make_unique<sqlite::SqliteDeliveryQueue>(
        *w.database, *w.log, *w.customers, *w.interactions, w.config.outbox());
    w.delivery_worker = std::make_unique<DeliveryWorker>(w.channels, *w.delivery_queue);
    w.facts = std::make_unique<sqlite::SqliteCustomerFacts>(*w.database);
    w.segments = std::make_unique<sqlite::SqliteSegmentStore>(*w.database, *w.log);

    w.host->start([&](const PluginInfo& plugin) -> std::unique_ptr<PluginContext> {
        return std::make_unique<PluginContextImpl>(*workspace, plugin, w.commands,
                                                   w.reserved_commands, w.personal_data_handlers,
                                                   w.channels, w.segmenters);
    });
    // Methods whose plugin is gone keep their columns while their results are stored.
    auto methods = w.segments->methods();
    for (const auto& entry : w.segmenters.entries()) methods.push_back(entry.name);
    sqlite::define_customer_facts_view(*w.database, methods);
    return workspace;
}

const Config& Workspace::config() const {
    return impl_->config;
}
Database& Workspace::database() {
    return *impl_->database;
}
EventLog& Workspace::event_log() {
    return *impl_->log;
}
EventBus& Workspace::bus() {
    return impl_->bus;
}
Dispatcher& Workspace::dispatcher() {
    return *impl_->dispatcher;
}
CustomerStore& Workspace::customers() {
    return *impl_->customers;
}
InteractionStore& Workspace::interactions() {
    return *impl_->interactions;
}
OrderStore& Workspace::orders() {
    return *impl_->orders;
}
DealStore& Workspace::deals() {
    return *impl_->deals;
}
TaskStore& Workspace::tasks() {
    return *impl_->tasks;
}
const std::vector<Pipeline>& Workspace::pipelines() const {
    return impl_->config.pipelines();
}
const std::vector<Command>& Workspace::commands() const {
    return impl_->commands;
}
const std::vector<PersonalDataHandler>& Workspace::personal_data_handlers() const {
    return impl_->personal_data_handlers;
}
CustomerMergeStore& Workspace::merges() {
    return *impl_->merges;
}
PrivacyStore& Workspace::privacy() {
    return *impl_->privacy;
}

Outbox& Workspace::outbox() {
    return *impl_->outbox;
}
std::shared_ptr<Channel> Workspace::channel(std::string_view name) const {
    const auto* entry = impl_->channels.find(name);
    return entry ? entry->extension : nullptr;
}

CustomerFacts& Workspace::facts() {
    return *impl_->facts;
}
SegmentStore& Workspace::segments() {
    return *impl_->segments;
}

std::shared_ptr<Segmenter> Workspace::segmenter(std::string_view name) const {
    const auto* entry = impl_->segmenters.find(name);
    return entry ? entry->extension : nullptr;
}

std::vector<std::string> Workspace::segmenter_names() const {
    std::vector<std::string> names;
    for (const auto& entry : impl_->segmenters.entries()) names.push_back(entry.name);
    std::sort(names.begin(), names.end());
    return names;
}

SegmentRun Workspace::run_segmenter(std::string_view name, Timestamp as_of) {
    const auto* entry = impl_->segmenters.find(name);
    if (!entry) {
        throw UserError(fmt::format(
            "there is no segmenter '{}'; the enabled plugins provide: {}. Enable the plugin that "
            "provides it under plugins.enabled",
            name, impl_->segmenters.names()));
    }
    const Timestamp started = now();
    const Segmentation result = entry->extension->segment(*this, as_of);
    return impl_->segments->record(name, result, as_of, started);
}

PluginHost& Workspace::plugins() {
    return *impl_->host;
}

std::size_t Workspace::run_worker_pass(Timestamp now) {
    const std::string today = format_date(Date{std::chrono::floor<std::chrono::days>(now)});
    {
        Transaction tx(*impl_->database);
        std::string last_date;
        {
            SQLite::Statement last(impl_->database->sql(),
                                   "SELECT last_date FROM schedule_ticks WHERE name = 'daily'");
            if (last.executeStep()) last_date = last.getColumn(0).getString();
        }
        if (last_date < today) {
            SQLite::Statement mark(impl_->database->sql(),
                                   "INSERT INTO schedule_ticks VALUES ('daily', ?1) "
                                   "ON CONFLICT (name) DO UPDATE SET last_date = ?1");
            mark.bind(1, today);
            mark.exec();
            impl_->log->append(events::DailyTick{today}, now);
        }
        tx.commit();
    }
    std::size_t total = 0;
    while (const std::size_t delivered = impl_->dispatcher->run_once()) total += delivered;
    return total;
}

DeliveryReport Workspace::deliver_messages(Timestamp now) {
    return impl_->delivery_worker->run(now);
}

}  // namespace moshtari
