// value-clv: customer lifetime value, simple and probabilistic (BG/NBD + Gamma-Gamma), with value
// tiers; fits on demand through `moshtari value fit`, and as the segmenter `value`.

#include <memory>

#include "daily_refit.hpp"
#include "fit_store.hpp"
#include "moshtari/events.hpp"
#include "moshtari/sdk/plugin.hpp"
#include "moshtari/workspace.hpp"
#include "settings.hpp"
#include "value_command.hpp"
#include "value_segmenter.hpp"

namespace moshtari::value {

class ValueClvPlugin final : public Plugin {
  public:
    void configure(const ConfigSection& section) override { settings_ = read_settings(section); }

    void start(PluginContext& context) override {
        Workspace& workspace = context.workspace();
        context.add_migrations(migrations());
        store_ = std::make_unique<FitStore>(workspace.database());
        context.add_command(value_command(workspace, *store_, settings_));
        context.add_segmenter(std::make_shared<ValueSegmenter>(settings_));
        if (settings_.probabilistic && settings_.probabilistic->refit_daily) {
            context.durable_subscriber().on<events::DailyTick>(
                [this, &workspace](const events::DailyTick& tick, const EventRecord&) {
                    refit_for_tick(workspace, *store_, settings_, tick.date);
                });
        }
        // A merged customer's values described half a history; the next fit values the survivor
        // on the whole of it.
        context.add_personal_data_handler(
            {"value-clv", [this](CustomerId id) { return store_->personal_data(id); },
             [this](CustomerId id) { store_->erase(id); },
             [this](CustomerId, CustomerId merged) { store_->erase(merged); }});
    }

  private:
    Settings settings_;
    std::unique_ptr<FitStore> store_;
};

}  // namespace moshtari::value

MOSHTARI_PLUGIN(moshtari::value::ValueClvPlugin, "value-clv")
