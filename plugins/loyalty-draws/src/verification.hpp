#pragma once
// `draws verify`: recomputes a drawn draw from an entry list and a seed (by default the committed
// list and the revealed seed) and checks each published promise: the list hashes to the entries
// hash published at commitment, the seed's secret hashes to the commitment published at creation
// and carries the announced public value, and the draw order it gives is the recorded one.

#include <string>
#include <string_view>
#include <vector>

#include "draw_store.hpp"
#include "drawing.hpp"

namespace moshtari::draws {

struct Verification {
    std::string entries_sha256{};  // of the list checked
    bool entries_match = false;
    bool seed_matches = false;
    bool picks_match = false;
    std::vector<Pick> recomputed{};

    bool ok() const { return entries_match && seed_matches && picks_match; }
};

// `list_source` names the list in errors (a file name). Customers drawn but excluded in the
// recorded run are excluded again, so the order stops where the run's did.
Verification verify(const Draw& draw, const std::vector<RecordedPick>& recorded,
                    std::string_view list, std::string_view list_source, std::string_view seed);

}  // namespace moshtari::draws
