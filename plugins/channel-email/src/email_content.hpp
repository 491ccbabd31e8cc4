#pragma once
// What the plugin renders at queue time and stores in the outbox (OutboundMessage::content), so a
// retry sends exactly what was queued.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace moshtari::email {

struct EmailContent {
    std::string template_name;
    std::string subject;
    std::string text;
    std::string html;
    std::string to_name;  // the recipient's display name
    // Extra header fields, already in their final ASCII form (List-Unsubscribe, ...).
    std::map<std::string, std::string> headers;
};

nlohmann::json to_json(const EmailContent& content);
// Throws UserError naming what is missing when `json` is not a rendered email.
EmailContent email_content_from_json(const nlohmann::json& json);

}  // namespace moshtari::email
