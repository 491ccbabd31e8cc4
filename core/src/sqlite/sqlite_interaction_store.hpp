#pragma once
// InteractionStore on SQLite.

#include "moshtari/interaction_store.hpp"

namespace moshtari {
class Database;
class EventLog;
class CustomerStore;
}  // namespace moshtari

namespace SQLite {
class Statement;
}

namespace moshtari::sqlite {

// Every column of an interaction, as read_interaction reads them; shared with the bulk path.
extern const char* const kInteractionColumns;
Interaction read_interaction(SQLite::Statement& row);

class SqliteInteractionStore final : public InteractionStore {
  public:
    SqliteInteractionStore(Database& db, EventLog& log, const CustomerStore& customers)
        : db_(db), log_(log), customers_(customers) {}

    InteractionId log(const Interaction& interaction) override;
    Interaction get(InteractionId id) const override;
    std::optional<Interaction> find_by_external_id(std::string_view external_id) const override;
    std::vector<Interaction> list(std::optional<CustomerId> customer,
                                  std::size_t limit) const override;

  private:
    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
};

}  // namespace moshtari::sqlite
