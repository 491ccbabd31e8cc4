#pragma once
// Interactions for bulk imports and exports. As BulkWriter: statements prepared once, writes inside
// the caller's Transaction and no event (the caller appends InteractionsImported per commit);
// reads stream one record at a time.

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "moshtari/export.hpp"
#include "moshtari/interaction.hpp"

namespace moshtari {

class Database;

class MOSHTARI_API BulkInteractions {
  public:
    virtual ~BulkInteractions() = default;

    virtual std::optional<Interaction> find(std::string_view external_id) = 0;
    // The lowest-id interaction with the same customer, channel, kind, direction, time and text:
    // how a record imported without an external id is recognised again.
    virtual std::optional<Interaction> find_same(const Interaction& interaction) = 0;
    // Each write is all or nothing and throws UserError (nothing written) for what
    // InteractionStore::log refuses: no channel or kind, an unknown customer, a taken external id.
    virtual InteractionId add(const Interaction& interaction) = 0;
    // Replaces every field of the interaction with interaction.id.
    virtual void replace(const Interaction& interaction) = 0;
    // In id order.
    virtual void each(const std::function<void(const Interaction&)>& visit) = 0;
};

// The object must not outlive `db`.
MOSHTARI_API std::unique_ptr<BulkInteractions> make_bulk_interactions(Database& db);

}  // namespace moshtari
