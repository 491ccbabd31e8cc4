#pragma once
// Delivery status notifications (RFC 3464): a multipart/report; report-type=delivery-status whose
// message/delivery-status part has one field group per recipient.

#include <optional>
#include <string>
#include <vector>

#include "mime_entity.hpp"

namespace moshtari::email {

enum class BounceKind {
    hard,  // Status 5.x.x: the address will never work
    soft,  // Status 4.x.x: it may work later
    none,  // delivered, relayed, expanded: nothing to do
};

struct RecipientStatus {
    std::string address;  // Final-Recipient's address, lower-cased
    std::string action;   // failed, delayed, delivered, relayed, expanded
    std::string status;   // "5.1.1"
    std::string diagnostic;
    BounceKind kind = BounceKind::none;
};

// nullopt when the message is not a delivery status notification (an auto-reply, a newsletter).
// Throws UserError saying what is wrong when it claims to be one but cannot be read.
std::optional<std::vector<RecipientStatus>> read_delivery_status(const MimeEntity& message);

}  // namespace moshtari::email
