#include "moshtari/dispatcher.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari {

namespace {

void save_cursor(Database& db, std::string_view name, EventId id) {
    SQLite::Statement upsert(db.sql(),
                             "INSERT INTO subscriber_cursors (name, last_event_id) VALUES (?1, ?2) "
                             "ON CONFLICT (name) DO UPDATE SET last_event_id = ?2");
    upsert.bind(1, std::string(name));
    upsert.bind(2, static_cast<int64_t>(id));
    upsert.exec();
}

}  // namespace

Dispatcher::Dispatcher(Database& db, EventLog& log, EventBus& live)
    : db_(db), log_(log), live_(live), live_cursor_(log.last_id()) {}

void Dispatcher::remove(std::string_view name) {
    std::erase_if(subscribers_, [&](const auto& s) { return s->name() == name; });
}

DurableSubscriber& Dispatcher::durable(std::string_view name, std::string_view owner) {
    const auto it = std::find_if(subscribers_.begin(), subscribers_.end(),
                                 [&](const auto& s) { return s->name() == name; });
    if (it != subscribers_.end()) return **it;
    return *subscribers_.emplace_back(
        std::make_unique<DurableSubscriber>(std::string(name), std::string(owner)));
}

EventId Dispatcher::cursor(std::string_view name) const {
    SQLite::Statement query(db_.sql(),
                            "SELECT last_event_id FROM subscriber_cursors WHERE name = ?");
    query.bind(1, std::string(name));
    return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

std::size_t Dispatcher::deliver(DurableSubscriber& subscriber, std::size_t batch_size) {
    std::size_t delivered = 0;
    for (;;) {
        // The cursor and the batch are read under the write lock, so a second worker on the same
        // database waits, then sees the cursor this one saved instead of handling the events again.
        // Each event runs in its own savepoint: a failing one rolls back only its own effects and
        // the cursor stops just before it.
        Transaction tx(db_);
        const auto batch = log_.read_after(cursor(subscriber.name()), batch_size);
        if (batch.empty()) return delivered;
        EventId last_done = 0;
        EventId failed_at = 0;
        for (const auto& record : batch) {
            Transaction event_tx(db_);
            if (subscriber.handlers_.publish(record) > 0) {
                failed_at = record.id;
                break;  // event_tx rolls back this event's effects
            }
            event_tx.commit();
            last_done = record.id;
            ++delivered;
        }
        if (last_done != 0) {
            // SQLite may have ended the whole transaction itself (disk full, I/O error) while a
            // savepoint unwound; a cursor saved now would commit without the effects it stands for.
            if (!db_.in_transaction()) {
                throw std::runtime_error("the database ended the transaction of '" +
                                         subscriber.name() +
                                         "' on its own (disk full or I/O error?); its events "
                                         "will be delivered again on the next pass");
            }
            save_cursor(db_, subscriber.name(), last_done);
        }
        tx.commit();
        if (failed_at != 0) {
            spdlog::warn(
                "{}: delivery to '{}' stopped at event #{}; it will be retried on the next pass",
                subscriber.owner(), subscriber.name(), failed_at);
            return delivered;
        }
    }
}

std::size_t Dispatcher::run_once(std::size_t batch_size) {
    std::size_t delivered = 0;
    for (auto& subscriber : subscribers_) delivered += deliver(*subscriber, batch_size);
    for (;;) {
        const auto batch = log_.read_after(live_cursor_, batch_size);
        if (batch.empty()) break;
        for (const auto& record : batch) {
            live_.publish(record);
            live_cursor_ = record.id;
            ++delivered;
        }
    }
    return delivered;
}

}  // namespace moshtari
