#include "daily_refit.hpp"

#include <spdlog/spdlog.h>

#include "moshtari/error.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::value {

void refit_for_tick(Workspace& workspace, FitStore& store, const Settings& settings,
                    std::string_view tick_date) {
    const auto tick = parse_date(tick_date);
    if (!tick) return;  // the core writes YYYY-MM-DD; anything else is not a day to fit
    const Date as_of{std::chrono::sys_days{*tick} - std::chrono::days{1}};
    try {
        Fit fit = compute_fit(workspace.database(), settings.probabilistic_or_throw(),
                              settings.tiers, as_of);
        store.save(fit);
    } catch (const UserError& e) {
        spdlog::warn("value-clv: no daily fit as of {}: {}", format_date(as_of), e.what());
    }
}

}  // namespace moshtari::value
