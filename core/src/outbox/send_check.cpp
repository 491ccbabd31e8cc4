#include "outbox/send_check.hpp"

#include <fmt/format.h>

#include "outbox/quiet_hours.hpp"
#include "outbox/time_zone.hpp"

namespace moshtari {

namespace {

SendCheck skip(std::string reason) {
    return SendCheck{SendCheck::Verdict::skip, {}, std::move(reason), {}};
}

// The customer's own zone when it is one ICU knows, else the deployment's.
const std::string& zone_of(const Customer& customer, const std::string& default_time_zone) {
    return is_known_time_zone(customer.time_zone) ? customer.time_zone : default_time_zone;
}

}  // namespace

SendCheck check_send(const OutboxMessage& message, const Customer& customer, ContactKind kind,
                     const ChannelPacing* pacing, const std::string& default_time_zone,
                     const SuppressionLookup& suppressed, Timestamp now) {
    std::string address = message.address;
    if (address.empty()) {
        const ContactPoint* contact = customer.primary_contact(kind);
        if (!contact) {
            return skip(kind == ContactKind::email ? "no email address" : "no phone number");
        }
        address = contact->value;
    }
    const bool marketing = message.purpose == MessagePurpose::marketing;
    if (marketing && !customer.has_consent(message.channel)) {
        return skip(fmt::format("no consent for {} (never given or withdrawn)", message.channel));
    }
    if (const auto reason = suppressed(address)) {
        return skip(fmt::format("address suppressed on {}: {}", message.channel, *reason));
    }
    if (marketing && pacing && pacing->quiet_hours) {
        if (const auto end = end_of_quiet_hours(*pacing->quiet_hours,
                                                zone_of(customer, default_time_zone), now)) {
            return SendCheck{SendCheck::Verdict::defer, {}, {}, end};
        }
    }
    return SendCheck{SendCheck::Verdict::send, std::move(address), {}, {}};
}

}  // namespace moshtari
