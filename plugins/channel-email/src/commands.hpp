#pragma once
// `moshtari email send|unsubscribe|bounces`.

#include "moshtari/command.hpp"
#include "settings.hpp"
#include "soft_bounces.hpp"
#include "unsubscribe_tokens.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::email {

struct CommandParts {
    Workspace& workspace;
    const Settings& settings;
    UnsubscribeTokens& tokens;
    SoftBounces& soft_bounces;
};

Command email_command(CommandParts parts);

}  // namespace moshtari::email
