#include "moshtari/deal_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/error.hpp"
#include "moshtari/money.hpp"

namespace moshtari {

namespace {

std::string stage_ids(const Pipeline& p) {
    std::string ids;
    for (const auto& s : p.stages) ids += (ids.empty() ? "" : ", ") + s.id;
    return ids;
}

}  // namespace

const Stage& stage_or_throw(const Pipeline& p, std::string_view id) {
    if (const Stage* stage = p.find_stage(id)) return *stage;
    throw UserError(
        fmt::format("pipeline '{}' has no stage '{}'; its stages are: {}", p.id, id, stage_ids(p)));
}

const Pipeline& pipeline_or_throw(const std::vector<Pipeline>& pipelines, std::string_view id) {
    const auto it = std::find_if(pipelines.begin(), pipelines.end(),
                                 [&](const Pipeline& p) { return p.id == id; });
    if (it != pipelines.end()) return *it;
    std::string known;
    for (const auto& p : pipelines) known += (known.empty() ? "" : ", ") + p.id;
    throw UserError(fmt::format(
        "there is no pipeline '{}'; {}", id,
        known.empty() ? "the configuration defines none" : "the configured ones are: " + known));
}

std::string check_new_deal(const std::vector<Pipeline>& pipelines, const Deal& deal) {
    if (deal.title.empty()) throw UserError("a deal needs a title");
    const Pipeline& p = pipeline_or_throw(pipelines, deal.pipeline_id);
    const std::string stage = deal.stage_id.empty() ? p.stages.front().id : deal.stage_id;
    stage_or_throw(p, stage);
    minor_unit_digits(deal.value.currency);
    return stage;
}

void check_move(const Pipeline& pipeline, const Deal& deal, std::string_view to_stage) {
    stage_or_throw(pipeline, to_stage);
    if (deal.stage_id == to_stage) {
        throw UserError(fmt::format("deal #{} is already in stage '{}'", deal.id, to_stage));
    }
    if (const Stage* current = pipeline.find_stage(deal.stage_id);
        current && (current->won || current->lost)) {
        throw UserError(
            fmt::format("deal #{} is closed ({} in '{}'); open a new deal instead of moving it",
                        deal.id, current->won ? "won" : "lost", current->id));
    }
}

}  // namespace moshtari
