#pragma once
// An event as stored in the durable event log: its position, type name, time and JSON payload.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "moshtari/time.hpp"

namespace moshtari {

using EventId = std::int64_t;

struct EventRecord {
    EventId id = 0;
    std::string type;
    Timestamp at{};
    nlohmann::json payload;

    // The typed event; E is one of the structs in events.hpp or a plugin's own with a kType and
    // JSON mapping.
    template <class E>
    E as() const {
        return payload.get<E>();
    }
};

}  // namespace moshtari
