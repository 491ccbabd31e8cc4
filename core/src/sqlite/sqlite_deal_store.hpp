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

namespace moshtari::sqlite {

class SqliteDealStore final : public DealStore {
  public:
    SqliteDealStore(Database& db, EventLog& log, const CustomerStore& customers,
                    const std::vector<Pipeline>& pipelines)
        : db_(db), log_(log), customers_(customers), pipelines_(pipelines) {}

    DealId create(const Deal& deal) override;
    void move(DealId id, std::string_view to_stage, std::string_view by, Timestamp at) override;
    Deal get(DealId id) const override;
    std::vector<Deal> list(const DealQuery& query) const override;

  private:
    const Pipeline& pipeline(std::string_view id) const;
    void append_history(DealId id, const StageChange& change);
    Deal read(SQLite::Statement& row) const;

    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
    const std::vector<Pipeline>& pipelines_;
};

}  // namespace moshtari::sqlite
