#pragma once
// A task: something someone must do by a date, for a customer or a deal.

#include <cstdint>
#include <optional>
#include <string>

#include "moshtari/customer.hpp"
#include "moshtari/deal.hpp"

namespace moshtari {

using TaskId = std::int64_t;

struct Task {
    TaskId id = 0;
    std::string title{};
    std::optional<Timestamp> due{};
    std::string assignee{};
    std::optional<CustomerId> customer_id{};
    std::optional<DealId> deal_id{};
    bool done = false;
    std::optional<Timestamp> done_at{};
    Timestamp created_at{};
};

}  // namespace moshtari
