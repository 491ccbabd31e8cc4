#pragma once
// Standings and history name customers, so they take part in export, erasure and merging.

#include "moshtari/personal_data_handler.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::tiers {

// Export: per programme, the standing and every change of tier. Erase: both are deleted (they are
// derived from orders and points, which keep what bookkeeping needs). Merge: the history moves to
// the survivor, who keeps their own standing where both have one (else takes the merged
// customer's), and is then evaluated again with the orders the merge brought ("merge:<id>").
PersonalDataHandler personal_data_handler(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::tiers
