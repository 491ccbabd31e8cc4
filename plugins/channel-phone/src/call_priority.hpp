#pragma once
// How urgent a call task is; higher comes first among tasks due at the same time.

#include <string_view>

namespace moshtari::channel_phone {

enum class CallPriority { low = 0, normal = 1, high = 2 };

const char* to_string(CallPriority priority);
// Throws UserError listing the accepted words.
CallPriority parse_call_priority(std::string_view text);

}  // namespace moshtari::channel_phone
