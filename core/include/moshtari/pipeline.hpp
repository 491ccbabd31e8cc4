#pragma once
// A sales pipeline: ordered stages, each with a win probability and a promise (SLA) in days.

#include <optional>
#include <string>
#include <vector>

#include "moshtari/export.hpp"

namespace moshtari {

struct Stage {
    std::string id{};
    std::string name{};
    double win_probability = 0.0;   // 0..1, for weighted forecasts
    std::optional<int> sla_days{};  // how long a deal may sit in this stage
    bool won = false;
    bool lost = false;
};

struct Pipeline {
    std::string id{};
    std::string name{};
    std::vector<Stage> stages{};

    // nullptr when the pipeline has no such stage.
    MOSHTARI_API const Stage* find_stage(std::string_view stage_id) const;
};

}  // namespace moshtari
