#include "moshtari/event_log.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <stdexcept>

#include "moshtari/database.hpp"

namespace moshtari {

EventId EventLog::append(std::string_view type, const nlohmann::json& payload, Timestamp at) {
    if (!db_.in_transaction()) {
        // An event outside a transaction could commit without its change, or the change without its
        // event.
        throw std::logic_error(
            "EventLog::append must run inside the Transaction of the change it records");
    }
    SQLite::Statement insert(db_.sql(), "INSERT INTO events (type, at, payload) VALUES (?, ?, ?)");
    insert.bind(1, std::string(type));
    insert.bind(2, static_cast<std::int64_t>(to_unix(at)));
    insert.bind(3, payload.dump());
    insert.exec();
    return db_.sql().getLastInsertRowid();
}

std::vector<EventRecord> EventLog::read_after(EventId after, std::size_t limit,
                                              std::string_view type) const {
    SQLite::Statement query(
        db_.sql(),
        "SELECT id, type, at, payload FROM events WHERE id > ?1 AND (?2 = '' OR type = ?2) "
        "ORDER BY id LIMIT ?3");
    query.bind(1, static_cast<std::int64_t>(after));
    query.bind(2, std::string(type));
    query.bind(3, static_cast<std::int64_t>(limit));
    std::vector<EventRecord> records;
    while (query.executeStep()) {
        records.push_back(EventRecord{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                                      from_unix(query.getColumn(2).getInt64()),
                                      nlohmann::json::parse(query.getColumn(3).getString())});
    }
    return records;
}

EventId EventLog::last_id() const {
    SQLite::Statement query(db_.sql(), "SELECT COALESCE(MAX(id), 0) FROM events");
    query.executeStep();
    return query.getColumn(0).getInt64();
}

}  // namespace moshtari
