#include "sqlite/sqlite_outbox.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/outbox_settings.hpp"
#include "moshtari/transaction.hpp"
#include "outbox/channel_registry.hpp"
#include "outbox/message_id.hpp"
#include "sqlite/outbox_rows.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {

// Messages by hand are only moved out of states where no worker holds them.
void require_state(const OutboxMessage& message, std::initializer_list<MessageState> allowed,
                   std::string_view action) {
    if (std::find(allowed.begin(), allowed.end(), message.state) != allowed.end()) return;
    std::string names;
    for (const auto state : allowed)
        names += (names.empty() ? "" : ", ") + std::string(to_string(state));
    throw UserError(fmt::format("message #{} is {}; only {} messages can be {}", message.id,
                                to_string(message.state), names, action));
}

}  // namespace

QueuedMessage SqliteOutbox::queue(const MessageRequest& request) {
    if (!db_.in_transaction()) {
        // The message must commit or roll back with whatever caused it.
        throw std::logic_error("Outbox::queue must run inside the caller's Transaction");
    }
    if (request.idempotency_key.empty()) {
        throw UserError(
            "a message needs an idempotency key, such as \"welcome/customer-42\", so that it is "
            "never sent twice");
    }
    {
        // First: a message queued before stays what it is even if its channel is gone now.
        SQLite::Statement existing(db_.sql(),
                                   "SELECT id FROM outbox_messages WHERE idempotency_key = ?");
        existing.bind(1, request.idempotency_key);
        if (existing.executeStep()) return {existing.getColumn(0).getInt64(), false};
    }
    if (!channels_.find(request.channel)) {
        throw UserError(fmt::format(
            "there is no channel '{}' to send through; running channels: {}. Enable the plugin "
            "that provides it",
            request.channel, channels_.names()));
    }
    customers_.get(request.customer_id);
    const Timestamp created = now();
    const Timestamp due = request.not_before.value_or(created);
    Transaction tx(db_);
    SQLite::Statement insert(
        db_.sql(),
        "INSERT INTO outbox_messages (channel, customer_id, address, purpose, idempotency_key, "
        "message_id, state, next_attempt_at, content, created_at) "
        "VALUES (?, ?, ?, ?, ?, '', 'queued', ?, ?, ?)");
    insert.bind(1, request.channel);
    insert.bind(2, static_cast<int64_t>(request.customer_id));
    insert.bind(3, request.address.value_or(""));
    insert.bind(4, to_string(request.purpose));
    insert.bind(5, request.idempotency_key);
    insert.bind(6, static_cast<int64_t>(to_unix(due)));
    insert.bind(7, request.content.dump());
    insert.bind(8, static_cast<int64_t>(to_unix(created)));
    insert.exec();
    const MessageId id = db_.sql().getLastInsertRowid();
    SQLite::Statement stamp(db_.sql(), "UPDATE outbox_messages SET message_id = ? WHERE id = ?");
    stamp.bind(1, make_message_id(id, request.idempotency_key, settings_.message_id_host));
    stamp.bind(2, static_cast<int64_t>(id));
    stamp.exec();
    log_.append(events::MessageQueued{id, request.customer_id, request.channel,
                                      to_string(request.purpose), to_unix(due), false},
                created);
    tx.commit();
    return {id, true};
}

std::optional<OutboxMessage> SqliteOutbox::find(MessageId id) const {
    return find_message(db_.sql(), id);
}

OutboxMessage SqliteOutbox::get(MessageId id) const {
    auto message = find(id);
    if (!message) {
        throw NotFound(
            fmt::format("there is no message #{}; `moshtari outbox list` shows them", id));
    }
    return *message;
}

std::vector<OutboxMessage> SqliteOutbox::list(const OutboxQuery& query) const {
    SQLite::Statement select(db_.sql(), std::string(kOutboxSelect) +
                                            " WHERE (?1 IS NULL OR state = ?1)"
                                            " AND (?2 IS NULL OR channel = ?2)"
                                            " AND (?3 IS NULL OR customer_id = ?3)"
                                            " ORDER BY id DESC LIMIT ?4");
    if (query.state) select.bind(1, to_string(*query.state));
    if (query.channel) select.bind(2, *query.channel);
    bind_id_or_null(select, 3, query.customer_id);
    select.bind(4, static_cast<int64_t>(query.limit));
    std::vector<OutboxMessage> messages;
    while (select.executeStep()) messages.push_back(read_message(select));
    return messages;
}

std::map<MessageState, std::int64_t> SqliteOutbox::counts() const {
    std::map<MessageState, std::int64_t> counts;
    for (const auto state :
         {MessageState::queued, MessageState::sending, MessageState::sent, MessageState::failed,
          MessageState::dead, MessageState::skipped, MessageState::cancelled}) {
        counts[state] = 0;
    }
    SQLite::Statement select(db_.sql(),
                             "SELECT state, COUNT(*) FROM outbox_messages GROUP BY state");
    while (select.executeStep()) {
        counts[parse_message_state(select.getColumn(0).getString())] =
            select.getColumn(1).getInt64();
    }
    return counts;
}

void SqliteOutbox::retry(MessageId id) {
    Transaction tx(db_);
    const OutboxMessage message = get(id);
    require_state(message, {MessageState::failed, MessageState::dead, MessageState::skipped},
                  "retried");
    const Timestamp at = now();
    // A fresh count of attempts: a dead message would otherwise die again on its first failure.
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_messages SET state = 'queued', attempts = 0, "
                             "next_attempt_at = ?, last_error = '' WHERE id = ?");
    update.bind(1, static_cast<int64_t>(to_unix(at)));
    update.bind(2, static_cast<int64_t>(id));
    update.exec();
    log_.append(events::MessageQueued{id, message.customer_id, message.channel,
                                      to_string(message.purpose), to_unix(at), true},
                at);
    tx.commit();
}

void SqliteOutbox::cancel(MessageId id) {
    Transaction tx(db_);
    const OutboxMessage message = get(id);
    require_state(message, {MessageState::queued, MessageState::failed}, "cancelled");
    SQLite::Statement update(db_.sql(),
                             "UPDATE outbox_messages SET state = 'cancelled' WHERE id = ?");
    update.bind(1, static_cast<int64_t>(id));
    update.exec();
    log_.append(events::MessageCancelled{id, message.customer_id, message.channel});
    tx.commit();
}

void SqliteOutbox::suppress(const std::string& channel, const std::string& address,
                            const std::string& reason) {
    if (channel.empty() || address.empty()) {
        throw UserError("suppressing an address needs both the channel and the address");
    }
    Transaction tx(db_);
    SQLite::Statement upsert(db_.sql(),
                             "INSERT INTO outbox_suppressions (channel, address, reason, at) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (channel, address) DO UPDATE SET "
                             "reason = excluded.reason, at = excluded.at");
    upsert.bind(1, channel);
    upsert.bind(2, address);
    upsert.bind(3, reason.empty() ? std::string("suppressed") : reason);
    upsert.bind(4, static_cast<int64_t>(to_unix(now())));
    upsert.exec();
    tx.commit();
}

bool SqliteOutbox::is_suppressed(const std::string& channel, const std::string& address) const {
    return suppression_reason(db_.sql(), channel, address).has_value();
}

}  // namespace moshtari::sqlite
