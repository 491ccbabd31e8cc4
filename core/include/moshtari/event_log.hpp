#pragma once
// The durable event log (transactional outbox): events are appended inside the same transaction as
// the change.

#include <cstddef>
#include <string_view>
#include <vector>

#include "moshtari/event_record.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

class Database;

class MOSHTARI_API EventLog {
  public:
    explicit EventLog(Database& db) : db_(db) {}

    // Must run inside a Transaction, so the event commits or rolls back with the change it
    // describes.
    EventId append(std::string_view type, const nlohmann::json& payload, Timestamp at);

    template <class E>
    EventId append(const E& event, Timestamp at = now()) {
        return append(E::kType, nlohmann::json(event), at);
    }

    // Events with id > after, oldest first; an empty `type` matches every type.
    std::vector<EventRecord> read_after(EventId after, std::size_t limit,
                                        std::string_view type = {}) const;
    EventId last_id() const;

  private:
    Database& db_;
};

}  // namespace moshtari
