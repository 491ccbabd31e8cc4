// loyalty-coupons: coupon campaigns configured in moshtari.yaml; codes issued to customers or
// created for anyone, validated and redeemed against orders, released when an order is cancelled
// or refunded in full.

#include "coupon_store.hpp"
#include "coupons_command.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "moshtari/workspace.hpp"
#include "personal_data.hpp"
#include "redemption.hpp"
#include "settings.hpp"

namespace moshtari::coupons {

class LoyaltyCouponsPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override { settings_ = read_settings(section); }

    void start(PluginContext& context) override {
        Workspace& workspace = context.workspace();
        context.add_migrations(migrations());
        // A partial refund leaves the order, and the coupon's use, standing.
        context.durable_subscriber()
            .on<moshtari::events::OrderCancelled>([&workspace](const auto& e, const EventRecord&) {
                release_order(workspace, e.order_id, from_unix(e.at));
            })
            .on<moshtari::events::OrderRefunded>([&workspace](const auto& e, const EventRecord&) {
                if (e.refunded_minor >= e.total_minor)
                    release_order(workspace, e.order_id, from_unix(e.at));
            });
        context.add_command(coupons_command(workspace, settings_));
        context.add_personal_data_handler(personal_data_handler(workspace, settings_));
    }

  private:
    Settings settings_;
};

}  // namespace moshtari::coupons

MOSHTARI_PLUGIN(moshtari::coupons::LoyaltyCouponsPlugin, "loyalty-coupons")
