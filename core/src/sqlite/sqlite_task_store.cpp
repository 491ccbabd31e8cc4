#include "sqlite/sqlite_task_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::sqlite {

namespace {

constexpr const char* kColumns =
    "SELECT id, title, due, assignee, customer_id, deal_id, done, done_at, created_at FROM tasks";

template <class T>
std::optional<T> optional_column(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return T{column.getInt64()};
}

Task read_task(SQLite::Statement& row) {
    Task task;
    task.id = row.getColumn(0).getInt64();
    task.title = row.getColumn(1).getString();
    if (!row.getColumn(2).isNull()) task.due = from_unix(row.getColumn(2).getInt64());
    task.assignee = row.getColumn(3).getString();
    task.customer_id = optional_column<CustomerId>(row.getColumn(4));
    task.deal_id = optional_column<DealId>(row.getColumn(5));
    task.done = row.getColumn(6).getInt() != 0;
    if (!row.getColumn(7).isNull()) task.done_at = from_unix(row.getColumn(7).getInt64());
    task.created_at = from_unix(row.getColumn(8).getInt64());
    return task;
}

void bind_optional(SQLite::Statement& statement, int index, std::optional<std::int64_t> value) {
    if (value) {
        statement.bind(index, static_cast<int64_t>(*value));
    } else {
        statement.bind(index);
    }
}

}  // namespace

TaskId SqliteTaskStore::add(const Task& input) {
    if (input.title.empty()) throw UserError("a task needs a title");
    const auto at = or_now(input.created_at);
    Transaction tx(db_);
    if (input.customer_id) customers_.get(*input.customer_id);
    if (input.deal_id) {
        const Deal deal = deals_.get(*input.deal_id);
        if (input.customer_id && *input.customer_id != deal.customer_id) {
            throw UserError(
                fmt::format("deal #{} belongs to customer #{}, not #{}; link the task to "
                            "one of them or to both with the right customer",
                            deal.id, deal.customer_id, *input.customer_id));
        }
    }
    SQLite::Statement insert(
        db_.sql(),
        "INSERT INTO tasks (title, due, assignee, customer_id, deal_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, input.title);
    bind_optional(insert, 2,
                  input.due ? std::optional<std::int64_t>(to_unix(*input.due)) : std::nullopt);
    insert.bind(3, input.assignee);
    bind_optional(insert, 4, input.customer_id);
    bind_optional(insert, 5, input.deal_id);
    insert.bind(6, static_cast<int64_t>(to_unix(at)));
    insert.exec();
    const TaskId id = db_.sql().getLastInsertRowid();
    log_.append(events::TaskCreated{id, input.title, input.assignee}, at);
    tx.commit();
    return id;
}

void SqliteTaskStore::complete(TaskId id, Timestamp at) {
    Transaction tx(db_);
    if (get(id).done) throw UserError(fmt::format("task #{} is already done", id));
    SQLite::Statement update(db_.sql(), "UPDATE tasks SET done = 1, done_at = ? WHERE id = ?");
    update.bind(1, static_cast<int64_t>(to_unix(at)));
    update.bind(2, static_cast<int64_t>(id));
    update.exec();
    log_.append(events::TaskCompleted{id}, at);
    tx.commit();
}

Task SqliteTaskStore::get(TaskId id) const {
    SQLite::Statement query(db_.sql(), std::string(kColumns) + " WHERE id = ?");
    query.bind(1, static_cast<int64_t>(id));
    if (!query.executeStep()) throw NotFound(fmt::format("there is no task #{}", id));
    return read_task(query);
}

std::vector<Task> SqliteTaskStore::list(const TaskQuery& q) const {
    SQLite::Statement query(db_.sql(), std::string(kColumns) +
                                           " WHERE (?1 OR done = 0) AND (?2 = '' OR assignee = ?2)"
                                           " AND (?3 IS NULL OR customer_id = ?3)"
                                           " ORDER BY done, due IS NULL, due, id LIMIT ?4");
    query.bind(1, q.include_done ? 1 : 0);
    query.bind(2, q.assignee);
    bind_optional(query, 3, q.customer_id);
    query.bind(4, static_cast<int64_t>(q.limit));
    std::vector<Task> tasks;
    while (query.executeStep()) tasks.push_back(read_task(query));
    return tasks;
}

}  // namespace moshtari::sqlite
