// segment-lifecycle: keeps every customer's lifecycle phase up to date from orders, interactions
// and a daily tick.

#include <memory>

#include "lifecycle_command.hpp"
#include "lifecycle_rules.hpp"
#include "lifecycle_store.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"

namespace moshtari::lifecycle {

class LifecyclePlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override {
        thresholds_ = Thresholds::from_config(section);
    }

    void start(PluginContext& context) override {
        context.add_migrations(migrations());
        store_ = std::make_unique<LifecycleStore>(context.workspace());
        const auto refresh_one = [this](CustomerId id, const EventRecord& record) {
            store_->refresh(id, record.at, thresholds_);
        };
        context.durable_subscriber()
            .on<events::CustomerCreated>([refresh_one](const auto& e, const EventRecord& r) {
                refresh_one(e.customer_id, r);
            })
            .on<events::OrderPlaced>([refresh_one](const auto& e, const EventRecord& r) {
                refresh_one(e.customer_id, r);
            })
            .on<events::InteractionLogged>([refresh_one](const auto& e, const EventRecord& r) {
                refresh_one(e.customer_id, r);
            })
            .on<events::CustomersMerged>([refresh_one](const auto& e, const EventRecord& r) {
                refresh_one(e.survivor_id, r);
            })
            .on<events::CustomersImported>([this](const auto& e, const EventRecord& r) {
                store_->refresh_batch({Scope::customers_in_range, e.first_id, e.last_id}, r.at,
                                      thresholds_);
            })
            .on<events::OrdersImported>([this](const auto& e, const EventRecord& r) {
                store_->refresh_batch({Scope::customers_of_orders_in_range, e.first_id, e.last_id},
                                      r.at, thresholds_);
            })
            .on<events::DailyTick>([this](const events::DailyTick&, const EventRecord& r) {
                store_->refresh_all(r.at, thresholds_);
            });
        context.add_command(lifecycle_command(*store_));
        context.add_personal_data_handler(
            {"segment-lifecycle", [this](CustomerId id) { return store_->personal_data(id); },
             [this](CustomerId id) { store_->erase(id); },
             [this](CustomerId survivor, CustomerId merged) { store_->merge(survivor, merged); }});
    }

  private:
    Thresholds thresholds_;
    std::unique_ptr<LifecycleStore> store_;
};

}  // namespace moshtari::lifecycle

MOSHTARI_PLUGIN(moshtari::lifecycle::LifecyclePlugin, "segment-lifecycle")
