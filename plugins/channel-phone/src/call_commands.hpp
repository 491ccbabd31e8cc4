#pragma once
// `moshtari calls log|schedule|queue`.

#include "call_store.hpp"
#include "moshtari/command.hpp"

namespace moshtari::channel_phone {

Command calls_command(CallStore& store);

}  // namespace moshtari::channel_phone
