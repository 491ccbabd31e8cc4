#pragma once
// Interactions on a customer's timeline; logging one emits InteractionLogged.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "moshtari/export.hpp"
#include "moshtari/interaction.hpp"

namespace moshtari {

class MOSHTARI_API InteractionStore {
  public:
    virtual ~InteractionStore() = default;

    // Refuses an external id another interaction has, naming it.
    virtual InteractionId log(const Interaction& interaction) = 0;
    virtual Interaction get(InteractionId id) const = 0;
    virtual std::optional<Interaction> find_by_external_id(std::string_view external_id) const = 0;
    // Newest first; all customers when `customer` is empty.
    virtual std::vector<Interaction> list(std::optional<CustomerId> customer,
                                          std::size_t limit) const = 0;
};

}  // namespace moshtari
