// loyalty-draws: prize draws whose entries come from orders, referrals and entries by hand, drawn
// by a commit-reveal procedure anyone can recompute, with winners notified through the outbox.

#include "accrual.hpp"
#include "draw_store.hpp"
#include "draws_command.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "moshtari/workspace.hpp"
#include "personal_data.hpp"
#include "settings.hpp"

namespace moshtari::draws {

class LoyaltyDrawsPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override { settings_ = read_settings(section); }

    void start(PluginContext& context) override {
        Workspace& workspace = context.workspace();
        context.add_migrations(migrations());
        Database& db = workspace.database();
        const OrderRule& orders = settings_.orders;
        const ReferralRule& referrals = settings_.referrals;
        // Every change to an order (placed, cancelled, refunded) brings its entries in line.
        const auto order_changed = [&db, &orders](std::int64_t first, std::int64_t last) {
            if (orders.enabled()) accrue_orders(db, orders, DrawStore(db).open(), first, last);
        };
        const auto referral_logged = [&db, &referrals](std::int64_t first, std::int64_t last) {
            if (referrals.enabled())
                accrue_referrals(db, referrals, DrawStore(db).open(), first, last);
        };
        context.durable_subscriber()
            .on<moshtari::events::OrderPlaced>([order_changed](const auto& e, const EventRecord&) {
                order_changed(e.order_id, e.order_id);
            })
            .on<moshtari::events::OrdersImported>(
                [order_changed](const auto& e, const EventRecord&) {
                    if (e.first_id != 0) order_changed(e.first_id, e.last_id);
                })
            .on<moshtari::events::OrderCancelled>(
                [order_changed](const auto& e, const EventRecord&) {
                    order_changed(e.order_id, e.order_id);
                })
            .on<moshtari::events::OrderRefunded>(
                [order_changed](const auto& e, const EventRecord&) {
                    order_changed(e.order_id, e.order_id);
                })
            .on<moshtari::events::InteractionLogged>(
                [referral_logged, &referrals](const auto& e, const EventRecord&) {
                    if (e.kind == referrals.kind)
                        referral_logged(e.interaction_id, e.interaction_id);
                })
            .on<moshtari::events::InteractionsImported>(
                [referral_logged](const auto& e, const EventRecord&) {
                    if (e.first_id != 0) referral_logged(e.first_id, e.last_id);
                });
        context.add_command(draws_command(workspace, settings_));
        context.add_personal_data_handler(personal_data_handler(workspace));
    }

  private:
    Settings settings_;
};

}  // namespace moshtari::draws

MOSHTARI_PLUGIN(moshtari::draws::LoyaltyDrawsPlugin, "loyalty-draws")
