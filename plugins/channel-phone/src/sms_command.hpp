#pragma once
// `moshtari sms send`: queues text messages through the outbox, split or refused when too long as
// the configuration says; the delivery worker sends them.

#include "moshtari/command.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::channel_phone {

Command sms_command(Workspace& workspace, const SmsSettings& settings);

}  // namespace moshtari::channel_phone
