#include "notification.hpp"

#include <fmt/format.h>

#include "moshtari/outbox.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::draws {

namespace {

// The text as HTML: escaped, line breaks kept.
std::string html_of(const std::string& text) {
    std::string html = "<p>";
    for (const char c : text) {
        switch (c) {
            case '&':
                html += "&amp;";
                break;
            case '<':
                html += "&lt;";
                break;
            case '>':
                html += "&gt;";
                break;
            case '"':
                html += "&quot;";
                break;
            case '\n':
                html += "<br>\n";
                break;
            default:
                html += c;
        }
    }
    return html + "</p>\n";
}

}  // namespace

std::string notification_key(std::int64_t draw, CustomerId customer) {
    return fmt::format("loyalty-draws/{}/{}", draw, customer);
}

MessageId notify_winner(Workspace& workspace, const Notification& notification, const Draw& draw,
                        const Customer& winner, const RecordedPick& pick) {
    const std::map<std::string, std::string> values{
        {"name", winner.name},
        {"given_name", winner.given_name.empty() ? winner.name : winner.given_name},
        {"draw", draw.name},
        {"prize", pick.prize},
        {"rank", std::to_string(pick.rank)}};
    const std::string text = notification.text.render(values);
    MessageRequest request;
    request.channel = notification.channel;
    request.customer_id = winner.id;
    request.purpose = MessagePurpose::transactional;
    request.idempotency_key = notification_key(draw.id, winner.id);
    request.content = {{"template", "loyalty-draws"},
                       {"subject", notification.subject.render(values)},
                       {"text", text},
                       {"html", html_of(text)},
                       {"to_name", winner.name},
                       {"headers", nlohmann::json::object()}};
    return workspace.outbox().queue(request).id;
}

}  // namespace moshtari::draws
