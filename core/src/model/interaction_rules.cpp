#include "model/interaction_rules.hpp"

#include "moshtari/error.hpp"

namespace moshtari {

void check_interaction(const Interaction& interaction) {
    if (interaction.channel.empty())
        throw UserError("an interaction needs a channel, such as phone, email or in-person");
    if (interaction.kind.empty())
        throw UserError("an interaction needs a kind, such as call, email, visit or complaint");
}

}  // namespace moshtari
