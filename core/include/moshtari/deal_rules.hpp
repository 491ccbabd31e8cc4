#pragma once
// What a deal must be and how it may move, judged the same by DealStore, the bulk path and an
// importer that wants to say which column is wrong.

#include <string>
#include <string_view>
#include <vector>

#include "moshtari/deal.hpp"
#include "moshtari/export.hpp"
#include "moshtari/pipeline.hpp"

namespace moshtari {

// Throw UserError naming the configured pipelines, or the pipeline's stages, when none has the id.
MOSHTARI_API const Pipeline& pipeline_or_throw(const std::vector<Pipeline>& pipelines,
                                               std::string_view id);
MOSHTARI_API const Stage& stage_or_throw(const Pipeline& pipeline, std::string_view id);
// Checks the title, pipeline, stage and currency of a new deal; returns the stage it starts in
// (the pipeline's first when the deal names none). Throws UserError saying what is wrong.
MOSHTARI_API std::string check_new_deal(const std::vector<Pipeline>& pipelines, const Deal& deal);
// Throws UserError for a stage the pipeline lacks, the stage the deal is in, and a move out of a
// won or lost stage.
MOSHTARI_API void check_move(const Pipeline& pipeline, const Deal& deal, std::string_view to_stage);

}  // namespace moshtari
