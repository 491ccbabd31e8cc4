// loyalty-tiers: customers placed in tiers (bronze, silver, gold ...) by their spend or points in
// a rolling window, evaluated on every order, refund, cancellation and daily tick through the
// durable event path; promotions at once, demotions after a grace period; TierChanged events and
// a benefits view for the rest of the system.

#include <fmt/format.h>

#include "evaluation.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "moshtari/workspace.hpp"
#include "personal_data.hpp"
#include "schema.hpp"
#include "settings.hpp"
#include "tiers_command.hpp"

namespace moshtari::tiers {

class LoyaltyTiersPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override { settings_ = read_settings(section); }

    void start(PluginContext& context) override {
        Workspace& workspace = context.workspace();
        context.add_migrations(migrations());
        for (const auto& programme : settings_.programmes) {
            check_points_source(workspace.database(), programme);
        }
        sync_catalogue(workspace.database(), settings_);
        // Evaluations run as of the time the event carries (see evaluation_time for the events
        // about one customer), so replaying an event finds the same window and changes nothing.
        const auto evaluate_all = [&workspace, this](const EventRecord& record, const Scope& scope,
                                                     const std::string& reason) {
            for (const auto& programme : settings_.programmes) {
                evaluate(workspace, programme, record.at, scope, reason);
            }
        };
        const auto evaluate_customer = [&workspace, this](const EventRecord& record,
                                                          CustomerId customer,
                                                          const std::string& reason) {
            if (customer == 0) return;  // a guest order
            for (const auto& programme : settings_.programmes) {
                const Timestamp at =
                    evaluation_time(workspace.database(), programme, customer, record.at);
                evaluate(workspace, programme, at, Scope::of_customer(customer), reason);
            }
        };
        context.durable_subscriber()
            .on<events::OrderPlaced>([evaluate_customer](const auto& e, const EventRecord& r) {
                evaluate_customer(r, e.customer_id, fmt::format("order:{}", e.order_id));
            })
            .on<events::OrdersImported>([evaluate_all](const auto& e, const EventRecord& record) {
                if (e.first_id == 0) return;  // the batch only updated orders
                evaluate_all(record, Scope::of_orders(e.first_id, e.last_id),
                             fmt::format("import:{}-{}", e.first_id, e.last_id));
            })
            .on<events::OrderCancelled>([evaluate_customer](const auto& e, const EventRecord& r) {
                evaluate_customer(r, e.customer_id, fmt::format("cancelled:{}", e.order_id));
            })
            .on<events::OrderRefunded>([evaluate_customer](const auto& e, const EventRecord& r) {
                evaluate_customer(r, e.customer_id, fmt::format("refunded:{}", e.order_id));
            })
            .on<events::DailyTick>([evaluate_all](const auto& e, const EventRecord& record) {
                evaluate_all(record, Scope::everyone(), "daily:" + e.date);
            });
        context.add_command(tiers_command(workspace, settings_));
        context.add_personal_data_handler(personal_data_handler(workspace, settings_));
    }

  private:
    Settings settings_;
};

}  // namespace moshtari::tiers

MOSHTARI_PLUGIN(moshtari::tiers::LoyaltyTiersPlugin, "loyalty-tiers")
