#pragma once
// Tasks; adding emits TaskCreated, completing emits TaskCompleted.

#include <cstddef>
#include <string>
#include <vector>

#include "moshtari/export.hpp"
#include "moshtari/task.hpp"

namespace moshtari {

struct TaskQuery {
    bool include_done = false;
    std::string assignee{};  // empty: everyone
    std::optional<CustomerId> customer_id{};
    std::size_t limit = 100;
};

class MOSHTARI_API TaskStore {
  public:
    virtual ~TaskStore() = default;

    virtual TaskId add(const Task& task) = 0;
    // Refuses a task that is already done.
    virtual void complete(TaskId id, Timestamp at) = 0;
    virtual Task get(TaskId id) const = 0;
    // Open tasks by due date (undated last), then done ones if asked.
    virtual std::vector<Task> list(const TaskQuery& query) const = 0;
};

}  // namespace moshtari
