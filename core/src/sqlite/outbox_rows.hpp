#pragma once
// Reading outbox_messages rows, shared by the outbox and the delivery queue so both see a message
// the same way.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>

#include "moshtari/outbox.hpp"

namespace moshtari::sqlite {

// "SELECT <every column read_message reads> FROM outbox_messages"; append WHERE and ORDER.
extern const char* const kOutboxSelect;

OutboxMessage read_message(SQLite::Statement& row);

std::optional<OutboxMessage> find_message(SQLite::Database& sql, MessageId id);

// The reason the address is suppressed on the channel, or nullopt.
std::optional<std::string> suppression_reason(SQLite::Database& sql, const std::string& channel,
                                              const std::string& address);

}  // namespace moshtari::sqlite
