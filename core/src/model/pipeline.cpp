#include "moshtari/pipeline.hpp"

#include <algorithm>

namespace moshtari {

const Stage* Pipeline::find_stage(std::string_view stage_id) const {
    const auto it = std::find_if(stages.begin(), stages.end(),
                                 [&](const Stage& s) { return s.id == stage_id; });
    return it == stages.end() ? nullptr : &*it;
}

}  // namespace moshtari
