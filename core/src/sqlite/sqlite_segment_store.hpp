#pragma once
// SegmentStore on SQLite: segment_runs, segment_run_segments and segment_memberships.

#include <functional>

#include "moshtari/segment_store.hpp"

namespace SQLite {
class Statement;
}

namespace moshtari {
class Database;
class EventLog;
}  // namespace moshtari

namespace moshtari::sqlite {

// Deletes the customer's current segments under every method: when the customer is erased or
// merged into another, inside that transaction.
void forget_segments(Database& db, CustomerId id);

class SqliteSegmentStore final : public SegmentStore {
  public:
    SqliteSegmentStore(Database& db, EventLog& log) : db_(db), log_(log) {}

    SegmentRun record(std::string_view method, const Segmentation& segmentation, Timestamp as_of,
                      Timestamp started_at) override;
    std::vector<SegmentRun> runs(std::string_view method, std::size_t limit) const override;
    std::optional<SegmentRun> run(std::int64_t id) const override;
    std::vector<std::string> methods() const override;
    std::vector<SegmentMember> members(std::string_view method, std::string_view segment,
                                       std::size_t limit) const override;
    std::vector<SegmentMember> changed_by(std::int64_t run_id) const override;
    std::vector<SegmentMember> segments_of(CustomerId id) const override;

  private:
    std::vector<SegmentRun> read_runs(const std::string& where, const std::string& key,
                                      std::size_t limit) const;
    // `bind` binds the parameters of `where` and, last, the row limit.
    std::vector<SegmentMember> read_members(
        const std::string& where, const std::function<void(SQLite::Statement&)>& bind) const;

    Database& db_;
    EventLog& log_;
};

}  // namespace moshtari::sqlite
