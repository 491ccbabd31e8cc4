#pragma once
// A customer's entries and picks in an export; on erasure, entries of open draws go and entries of
// committed draws are anonymised (the published list keeps its bare numbers, so it still hashes
// to what was published, but they lead to nobody); moved to the survivor of a merge.

#include "moshtari/personal_data_handler.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::draws {

PersonalDataHandler personal_data_handler(Workspace& workspace);

}  // namespace moshtari::draws
