#include "delivery_status.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ascii_text.hpp"
#include "moshtari/error.hpp"

namespace moshtari::email {

namespace {

// "rfc822; Someone@Example.org" or "rfc822;<someone@example.org>" -> "someone@example.org".
std::string recipient_address(const std::string& field) {
    std::string address =
        field.substr(field.find(';') == std::string::npos ? 0 : field.find(';') + 1);
    std::erase_if(address, [](char c) { return c == ' ' || c == '\t' || c == '<' || c == '>'; });
    return ascii_lower(address);
}

BounceKind kind_of(const std::string& action, const std::string& status) {
    if (action == "delivered" || action == "relayed" || action == "expanded") {
        return BounceKind::none;
    }
    if (status.starts_with("5.")) return BounceKind::hard;
    if (status.starts_with("4.")) return BounceKind::soft;
    return BounceKind::none;
}

RecipientStatus read_recipient(const MimeEntity& group, std::size_t number) {
    const auto field = [&](const char* name) -> std::string {
        const auto value = group.header(name);
        if (!value || value->empty()) {
            throw UserError(
                fmt::format("recipient {} of the delivery status has no {} field", number, name));
        }
        return *value;
    };
    RecipientStatus recipient;
    recipient.address = recipient_address(field("Final-Recipient"));
    recipient.action = ascii_lower(field("Action"));
    // "5.1.1 (bad destination mailbox address)": the code is the first word.
    const std::string status = field("Status");
    recipient.status = status.substr(0, status.find_first_of(" \t("));
    recipient.diagnostic = group.header("Diagnostic-Code").value_or("");
    if (recipient.address.find('@') == std::string::npos) {
        throw UserError(
            fmt::format("recipient {} of the delivery status has no email address in "
                        "Final-Recipient: {}",
                        number, field("Final-Recipient")));
    }
    recipient.kind = kind_of(recipient.action, recipient.status);
    return recipient;
}

}  // namespace

std::optional<std::vector<RecipientStatus>> read_delivery_status(const MimeEntity& message) {
    if (message.media_type() != "multipart/report" ||
        ascii_lower(message.content_type_parameter("report-type")) != "delivery-status") {
        return std::nullopt;
    }
    const auto parts = message.parts();
    const auto status = std::find_if(parts.begin(), parts.end(), [](const MimeEntity& part) {
        return part.media_type() == "message/delivery-status";
    });
    if (status == parts.end()) {
        throw UserError("the report has no message/delivery-status part");
    }
    const auto groups = MimeEntity::parse_field_groups(status->decoded_body());
    // The first group is about the message (Reporting-MTA, ...); one group per recipient follows.
    if (groups.size() < 2) {
        throw UserError("the message/delivery-status part names no recipient");
    }
    std::vector<RecipientStatus> recipients;
    for (std::size_t i = 1; i < groups.size(); ++i)
        recipients.push_back(read_recipient(groups[i], i));
    return recipients;
}

}  // namespace moshtari::email
