#pragma once
// Deals for bulk imports and exports. As BulkWriter: statements prepared once, writes inside the
// caller's Transaction and no event (the caller appends DealsImported per commit); reads stream one
// record at a time, each with its stage history.

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "moshtari/deal.hpp"
#include "moshtari/export.hpp"
#include "moshtari/pipeline.hpp"

namespace moshtari {

class Database;

class MOSHTARI_API BulkDeals {
  public:
    virtual ~BulkDeals() = default;

    virtual std::optional<Deal> find(std::string_view external_id) = 0;
    // The customer's deals in the pipeline with this title, lowest id first: how a deal imported
    // without an external id is recognised again.
    virtual std::vector<Deal> find_titled(CustomerId customer, std::string_view pipeline_id,
                                          std::string_view title) = 0;
    // Each write is all or nothing and throws UserError (nothing written) for what DealStore
    // refuses: no title, an unknown pipeline, stage, currency or customer, a taken external id.

    // Starts the history with the first stage, as DealStore::create does.
    virtual DealId add(const Deal& deal) = 0;
    // Replaces the customer, title, value, owner, expected close, creation time and external id
    // of the deal with deal.id. A different deal.stage_id moves it under DealStore::move's rules,
    // recording the change in its history (at `at`, by `by`); the pipeline never changes.
    virtual void replace(const Deal& deal, Timestamp at, std::string_view by) = 0;
    // In id order.
    virtual void each(const std::function<void(const Deal&)>& visit) = 0;
};

// `pipelines` are the configured ones (Workspace::pipelines()); neither may be outlived.
MOSHTARI_API std::unique_ptr<BulkDeals> make_bulk_deals(Database& db,
                                                        const std::vector<Pipeline>& pipelines);

}  // namespace moshtari
