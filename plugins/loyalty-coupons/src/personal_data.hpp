#pragma once
// The customer's codes and redemptions in an export; erased (or detached, when the privacy policy
// keeps orders); moved to the survivor of a merge.

#include "moshtari/personal_data_handler.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::coupons {

PersonalDataHandler personal_data_handler(Workspace& workspace, const Settings& settings);

}  // namespace moshtari::coupons
