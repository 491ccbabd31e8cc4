// loyalty-points: an append-only ledger of points per customer and programme, earned from orders
// through the durable event path, redeemed, expired and reversed.

#include <memory>

#include "earning.hpp"
#include "ledger.hpp"
#include "loyalty_command.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "moshtari/workspace.hpp"
#include "personal_data.hpp"
#include "reversal.hpp"
#include "settings.hpp"

namespace moshtari::loyalty {

class LoyaltyPointsPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override { settings_ = read_settings(section); }

    void start(PluginContext& context) override {
        Workspace& workspace = context.workspace();
        context.add_migrations(migrations());
        Database& db = workspace.database();
        const auto each_programme = [this](auto action) {
            for (const auto& programme : settings_.programmes) action(programme);
        };
        context.durable_subscriber()
            .on<events::OrderPlaced>([&db, each_programme](const auto& e, const EventRecord&) {
                each_programme(
                    [&](const Programme& p) { earn_for_orders(db, p, e.order_id, e.order_id); });
            })
            .on<events::OrdersImported>([&db, each_programme](const auto& e, const EventRecord&) {
                if (e.first_id == 0) return;  // the batch only updated orders
                each_programme(
                    [&](const Programme& p) { earn_for_orders(db, p, e.first_id, e.last_id); });
            })
            .on<events::OrderCancelled>([&db, each_programme](const auto& e, const EventRecord&) {
                each_programme([&](const Programme& p) {
                    reverse_cancelled(db, p, e.order_id, from_unix(e.at));
                });
            })
            .on<events::OrderRefunded>([&db, each_programme](const auto& e, const EventRecord&) {
                each_programme([&](const Programme& p) {
                    reverse_refunded(db, p, e.order_id, e.refunded_minor, e.total_minor,
                                     from_unix(e.at));
                });
            })
            .on<events::DailyTick>([&db, each_programme](const auto& e, const EventRecord&) {
                const auto day = parse_date(e.date);
                if (!day) return;
                each_programme([&](const Programme& p) { award_birthdays(db, p, *day); });
            });
        context.add_command(loyalty_command(workspace, settings_));
        context.add_personal_data_handler(personal_data_handler(workspace));
    }

  private:
    Settings settings_;
};

}  // namespace moshtari::loyalty

MOSHTARI_PLUGIN(moshtari::loyalty::LoyaltyPointsPlugin, "loyalty-points")
