#pragma once
// The ledger names customers, so it takes part in export, erasure and merging.

#include "moshtari/personal_data_handler.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::loyalty {

// Export: the customer's entries and balance per programme. Erase: when the privacy policy keeps
// orders, the entries stay for the programme's accounts but name nobody (no customer, cause, user
// or note); otherwise they are deleted. Merge: the merged customer's entries move to the survivor.
PersonalDataHandler personal_data_handler(Workspace& workspace);

}  // namespace moshtari::loyalty
