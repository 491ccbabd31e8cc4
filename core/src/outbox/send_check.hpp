#pragma once
// What the worker does with a due message at send time: send it to an address, skip it (and why),
// or wait until quiet hours end.

#include <functional>
#include <optional>
#include <string>

#include "moshtari/customer.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/outbox_settings.hpp"

namespace moshtari {

struct SendCheck {
    enum class Verdict { send, skip, defer };
    Verdict verdict = Verdict::send;
    std::string address{};             // when sending
    std::string reason{};              // when skipping
    std::optional<Timestamp> until{};  // when deferring
};

// The reason an address is suppressed on the message's channel, or nullopt.
using SuppressionLookup = std::function<std::optional<std::string>(const std::string& address)>;

// Consent and quiet hours bind marketing messages only; a suppressed address receives nothing.
SendCheck check_send(const OutboxMessage& message, const Customer& customer, ContactKind kind,
                     const ChannelPacing* pacing, const std::string& default_time_zone,
                     const SuppressionLookup& suppressed, Timestamp now);

}  // namespace moshtari
