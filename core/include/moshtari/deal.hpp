#pragma once
// A deal: an opportunity moving through a pipeline, with every stage change kept.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/money.hpp"

namespace moshtari {

using DealId = std::int64_t;

struct StageChange {
    std::string from_stage{};  // empty for the first stage
    std::string to_stage{};
    Timestamp at{};
    std::string by{};

    friend bool operator==(const StageChange&, const StageChange&) = default;
};

struct Deal {
    DealId id = 0;
    CustomerId customer_id = 0;
    std::string title{};
    std::string pipeline_id{};
    std::string stage_id{};
    Money value{};
    std::string owner{};
    std::optional<Date> expected_close{};
    Timestamp created_at{};
    std::vector<StageChange> history{};  // oldest first
    std::string external_id{};  // the id in the system it was imported from; unique when given

    friend bool operator==(const Deal&, const Deal&) = default;
};

}  // namespace moshtari
