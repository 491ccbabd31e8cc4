#include "verification.hpp"

#include <set>

#include "entry_list.hpp"
#include "seed.hpp"
#include "sha256.hpp"

namespace moshtari::draws {

Verification verify(const Draw& draw, const std::vector<RecordedPick>& recorded,
                    std::string_view list, std::string_view list_source, std::string_view seed) {
    Verification v;
    v.entries_sha256 = sha256_hex(list);
    v.entries_match = v.entries_sha256 == draw.entries_sha256;
    const std::string_view secret = secret_of(seed);
    v.seed_matches =
        commitment_of(secret) == draw.seed_commitment && seed_text(secret, draw.beacon) == seed;
    std::set<std::int64_t> excluded;
    for (const auto& pick : recorded) {
        if (!pick.winner) excluded.insert(pick.listed_customer);
    }
    v.recomputed = draw_order(parse_entry_list(list, list_source), seed,
                              static_cast<std::size_t>(draw.winners),
                              [&](const Pick& pick) { return excluded.count(pick.customer) == 0; });
    v.picks_match = v.recomputed.size() == recorded.size();
    for (std::size_t i = 0; v.picks_match && i < recorded.size(); ++i) {
        v.picks_match = v.recomputed[i] == Pick{recorded[i].entry, recorded[i].listed_customer};
    }
    return v;
}

}  // namespace moshtari::draws
