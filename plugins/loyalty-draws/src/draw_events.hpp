#pragma once
// The plugin's events in the event log: what an auditor wants to see in order, without personal
// data beyond customer ids.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::draws::events {

// The seed's commitment is published from here on.
struct DrawCreated {
    static constexpr std::string_view kType = "DrawCreated";
    std::int64_t draw_id = 0;
    std::string name;
    std::string seed_commitment;
    std::int64_t from = 0;  // unix seconds
    std::int64_t to = 0;
    std::int64_t winners = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DrawCreated, draw_id, name, seed_commitment, from, to, winners)
};

// An entry given by hand (`draws enter`): a no-purchase entry or a bonus.
struct DrawEntryAdded {
    static constexpr std::string_view kType = "DrawEntryAdded";
    std::int64_t draw_id = 0;
    std::int64_t entry_id = 0;
    std::int64_t customer_id = 0;
    std::int64_t entries = 0;
    std::string source;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DrawEntryAdded, draw_id, entry_id, customer_id, entries, source)
};

// The entry list is frozen; its hash is published from here on.
struct DrawCommitted {
    static constexpr std::string_view kType = "DrawCommitted";
    std::int64_t draw_id = 0;
    std::string entries_sha256;
    std::int64_t entry_lines = 0;
    std::int64_t tickets = 0;
    std::string beacon_source;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DrawCommitted, draw_id, entries_sha256, entry_lines, tickets,
                                   beacon_source)
};

// The draw was run: the seed is revealed and the winners recorded.
struct DrawDrawn {
    static constexpr std::string_view kType = "DrawDrawn";
    std::int64_t draw_id = 0;
    std::string seed;
    std::vector<std::int64_t> winners;  // customer ids, by rank
    std::int64_t excluded = 0;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(DrawDrawn, draw_id, seed, winners, excluded)
};

}  // namespace moshtari::draws::events
