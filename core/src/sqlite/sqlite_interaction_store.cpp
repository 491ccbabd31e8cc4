#include "sqlite/sqlite_interaction_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "model/interaction_rules.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

const char* const kInteractionColumns =
    "SELECT id, customer_id, channel, direction, kind, at, outcome, text, external_id FROM "
    "interactions";

Interaction read_interaction(SQLite::Statement& row) {
    Interaction i{row.getColumn(0).getInt64(),  row.getColumn(1).getInt64(),
                  row.getColumn(2).getString(), parse_direction(row.getColumn(3).getString()),
                  row.getColumn(4).getString(), from_unix(row.getColumn(5).getInt64()),
                  row.getColumn(6).getString(), row.getColumn(7).getString()};
    if (!row.getColumn(8).isNull()) i.external_id = row.getColumn(8).getString();
    return i;
}

InteractionId SqliteInteractionStore::log(const Interaction& input) {
    check_interaction(input);
    const auto at = or_now(input.at);
    Transaction tx(db_);
    customers_.get(input.customer_id);
    if (!input.external_id.empty()) {
        if (const auto taken = find_by_external_id(input.external_id)) {
            throw UserError(fmt::format("interaction #{} already has the external id '{}'",
                                        taken->id, input.external_id));
        }
    }
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO interactions (customer_id, channel, direction, kind, at, "
                             "outcome, text, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(input.customer_id));
    insert.bind(2, input.channel);
    insert.bind(3, to_string(input.direction));
    insert.bind(4, input.kind);
    insert.bind(5, static_cast<int64_t>(to_unix(at)));
    insert.bind(6, input.outcome);
    insert.bind(7, input.text);
    bind_text_or_null(insert, 8, input.external_id);
    insert.exec();
    const InteractionId id = db_.sql().getLastInsertRowid();
    log_.append(events::InteractionLogged{id, input.customer_id, input.channel,
                                          to_string(input.direction), input.kind, to_unix(at)},
                at);
    tx.commit();
    return id;
}

Interaction SqliteInteractionStore::get(InteractionId id) const {
    SQLite::Statement query(db_.sql(), std::string(kInteractionColumns) + " WHERE id = ?");
    query.bind(1, static_cast<int64_t>(id));
    if (!query.executeStep()) throw NotFound(fmt::format("there is no interaction #{}", id));
    return read_interaction(query);
}

std::optional<Interaction> SqliteInteractionStore::find_by_external_id(
    std::string_view external_id) const {
    SQLite::Statement query(db_.sql(), std::string(kInteractionColumns) + " WHERE external_id = ?");
    query.bind(1, std::string(external_id));
    if (!query.executeStep()) return std::nullopt;
    return read_interaction(query);
}

std::vector<Interaction> SqliteInteractionStore::list(std::optional<CustomerId> customer,
                                                      std::size_t limit) const {
    SQLite::Statement query(db_.sql(),
                            std::string(kInteractionColumns) +
                                " WHERE ?1 IS NULL OR customer_id = ?1 ORDER BY at DESC, id DESC "
                                "LIMIT ?2");
    if (customer) query.bind(1, static_cast<int64_t>(*customer));
    query.bind(2, static_cast<int64_t>(limit));
    std::vector<Interaction> result;
    while (query.executeStep()) result.push_back(read_interaction(query));
    return result;
}

}  // namespace moshtari::sqlite
