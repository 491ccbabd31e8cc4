#pragma once
// Deals in the configured pipelines; creating emits DealCreated, moving emits DealStageChanged.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "moshtari/deal.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

struct DealQuery {
    std::string pipeline_id{};  // empty: every pipeline
    std::string stage_id{};     // empty: every stage
    std::string owner{};        // empty: every owner
    std::size_t limit = 100;
};

class MOSHTARI_API DealStore {
  public:
    virtual ~DealStore() = default;

    // The pipeline and stage must exist; an empty stage means the pipeline's first stage. Refuses
    // an external id another deal has, naming it.
    virtual DealId create(const Deal& deal) = 0;
    // Refuses an unknown stage and a move out of a won or lost stage.
    virtual void move(DealId id, std::string_view to_stage, std::string_view by, Timestamp at) = 0;
    virtual Deal get(DealId id) const = 0;
    virtual std::optional<Deal> find_by_external_id(std::string_view external_id) const = 0;
    virtual std::vector<Deal> list(const DealQuery& query) const = 0;
};

}  // namespace moshtari
