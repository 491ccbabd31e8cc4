#pragma once
// TaskStore on SQLite.

#include "moshtari/task_store.hpp"

namespace SQLite {
class Statement;
}

namespace moshtari {
class Database;
class EventLog;
class CustomerStore;
class DealStore;
}  // namespace moshtari

namespace moshtari::sqlite {

class SqliteTaskStore final : public TaskStore {
  public:
    SqliteTaskStore(Database& db, EventLog& log, const CustomerStore& customers,
                    const DealStore& deals)
        : db_(db), log_(log), customers_(customers), deals_(deals) {}

    TaskId add(const Task& task) override;
    void complete(TaskId id, Timestamp at) override;
    Task get(TaskId id) const override;
    std::vector<Task> list(const TaskQuery& query) const override;

  private:
    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
    const DealStore& deals_;
};

}  // namespace moshtari::sqlite
