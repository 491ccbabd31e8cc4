#include "call_priority.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari::channel_phone {

const char* to_string(CallPriority priority) {
    switch (priority) {
        case CallPriority::low:
            return "low";
        case CallPriority::high:
            return "high";
        case CallPriority::normal:
            break;
    }
    return "normal";
}

CallPriority parse_call_priority(std::string_view text) {
    if (text == "low") return CallPriority::low;
    if (text == "normal") return CallPriority::normal;
    if (text == "high") return CallPriority::high;
    throw UserError(fmt::format("'{}' is not a priority; use low, normal or high", text));
}

}  // namespace moshtari::channel_phone
