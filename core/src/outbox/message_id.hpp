#pragma once
// The Message-ID a message keeps on every attempt, so a receiver can drop a resent copy.

#include <string>
#include <string_view>

#include "moshtari/channel.hpp"

namespace moshtari {

// "<42.9f86d081884c7d65@host>": the row id, a hash of the idempotency key, the configured host.
std::string make_message_id(MessageId id, std::string_view idempotency_key, std::string_view host);

}  // namespace moshtari
