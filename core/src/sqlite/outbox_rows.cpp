#include "sqlite/outbox_rows.hpp"

namespace moshtari::sqlite {

const char* const kOutboxSelect =
    "SELECT id, channel, customer_id, address, purpose, idempotency_key, message_id, state, "
    "attempts, next_attempt_at, last_error, provider_id, content, created_at, sent_at, "
    "interaction_id FROM outbox_messages";

OutboxMessage read_message(SQLite::Statement& row) {
    OutboxMessage m;
    m.id = row.getColumn(0).getInt64();
    m.channel = row.getColumn(1).getString();
    m.customer_id = row.getColumn(2).getInt64();
    m.address = row.getColumn(3).getString();
    m.purpose = parse_message_purpose(row.getColumn(4).getString());
    m.idempotency_key = row.getColumn(5).getString();
    m.message_id = row.getColumn(6).getString();
    m.state = parse_message_state(row.getColumn(7).getString());
    m.attempts = row.getColumn(8).getInt();
    m.next_attempt_at = from_unix(row.getColumn(9).getInt64());
    m.last_error = row.getColumn(10).getString();
    m.provider_id = row.getColumn(11).getString();
    m.content = nlohmann::json::parse(row.getColumn(12).getString());
    m.created_at = from_unix(row.getColumn(13).getInt64());
    if (!row.getColumn(14).isNull()) m.sent_at = from_unix(row.getColumn(14).getInt64());
    if (!row.getColumn(15).isNull()) m.interaction_id = row.getColumn(15).getInt64();
    return m;
}

std::optional<OutboxMessage> find_message(SQLite::Database& sql, MessageId id) {
    SQLite::Statement query(sql, std::string(kOutboxSelect) + " WHERE id = ?");
    query.bind(1, static_cast<int64_t>(id));
    if (!query.executeStep()) return std::nullopt;
    return read_message(query);
}

std::optional<std::string> suppression_reason(SQLite::Database& sql, const std::string& channel,
                                              const std::string& address) {
    SQLite::Statement query(
        sql, "SELECT reason FROM outbox_suppressions WHERE channel = ? AND address = ?");
    query.bind(1, channel);
    query.bind(2, address);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getString();
}

}  // namespace moshtari::sqlite
