#pragma once
// `probabilistic.refit: daily`: a fit on every DailyTick, as of the day before the tick's date
// (the last whole day), so the values and tiers stay fresh without anyone running `value fit`.

#include <string_view>

#include "fit_store.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::value {

// A day with nothing to fit (no orders yet, no repeat purchase) is skipped with a warning in the
// log: retrying it on every worker pass could not succeed for that day. Other errors propagate,
// so the dispatcher retries the tick.
void refit_for_tick(Workspace& workspace, FitStore& store, const Settings& settings,
                    std::string_view tick_date);

}  // namespace moshtari::value
