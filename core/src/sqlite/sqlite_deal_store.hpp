#pragma once
// DealStore on SQLite, checked against the configured pipelines.

#include <vector>

#include "moshtari/deal_store.hpp"
#include "moshtari/pipeline.hpp"

namespace SQLite {
class Statement;
}

namespace moshtari {
class Database;
class EventLog;
class CustomerStore;
}  // namespace moshtari

namespace SQLite {
class Database;
}

namespace moshtari::sqlite {

// Every column of a deal, as read_deal reads them; shared with the bulk path.
extern const char* const kDealColumns;
// A row of kDealColumns with its stage history.
Deal read_deal(SQLite::Database& sql, SQLite::Statement& row);
void append_stage_change(SQLite::Database& sql, DealId id, const StageChange& change);

class SqliteDealStore final : public DealStore {
  public:
    SqliteDealStore(Database& db, EventLog& log, const CustomerStore& customers,
                    const std::vector<Pipeline>& pipelines)
        : db_(db), log_(log), customers_(customers), pipelines_(pipelines) {}

    DealId create(const Deal& deal) override;
    void move(DealId id, std::string_view to_stage, std::string_view by, Timestamp at) override;
    Deal get(DealId id) const override;
    std::optional<Deal> find_by_external_id(std::string_view external_id) const override;
    std::vector<Deal> list(const DealQuery& query) const override;

  private:
    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
    const std::vector<Pipeline>& pipelines_;
};

}  // namespace moshtari::sqlite
