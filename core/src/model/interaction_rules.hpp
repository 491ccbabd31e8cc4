#pragma once
// What an interaction must have, judged the same by InteractionStore and the bulk import path.

#include "moshtari/interaction.hpp"

namespace moshtari {

// Throws UserError naming the missing field (a channel, a kind).
void check_interaction(const Interaction& interaction);

}  // namespace moshtari
