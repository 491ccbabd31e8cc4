#include <fmt/format.h>

#include <array>
#include <utility>

#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"

namespace moshtari {

namespace {

constexpr std::array<std::pair<MessageState, const char*>, 7> kStates{{
    {MessageState::queued, "queued"},
    {MessageState::sending, "sending"},
    {MessageState::sent, "sent"},
    {MessageState::failed, "failed"},
    {MessageState::dead, "dead"},
    {MessageState::skipped, "skipped"},
    {MessageState::cancelled, "cancelled"},
}};

}  // namespace

const char* to_string(MessageState state) {
    for (const auto& [value, name] : kStates) {
        if (value == state) return name;
    }
    return "queued";
}

MessageState parse_message_state(std::string_view text) {
    for (const auto& [value, name] : kStates) {
        if (text == name) return value;
    }
    throw UserError(fmt::format(
        "message state '{}' is not known; use queued, sending, sent, failed, dead, skipped or "
        "cancelled",
        text));
}

const char* to_string(MessagePurpose purpose) {
    return purpose == MessagePurpose::marketing ? "marketing" : "transactional";
}

MessagePurpose parse_message_purpose(std::string_view text) {
    if (text == "marketing") return MessagePurpose::marketing;
    if (text == "transactional") return MessagePurpose::transactional;
    throw UserError(
        fmt::format("message purpose '{}' is not known; use marketing or transactional", text));
}

}  // namespace moshtari
