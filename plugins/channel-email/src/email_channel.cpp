#include "email_channel.hpp"

#include "email_content.hpp"
#include "message_headers.hpp"
#include "moshtari/error.hpp"
#include "smtp_session.hpp"

namespace moshtari::email {

std::vector<DeliveryResult> EmailChannel::deliver(const std::vector<OutboundMessage>& batch) {
    std::vector<DeliveryResult> results;
    results.reserve(batch.size());
    SmtpSession session(settings_.smtp);
    for (const auto& message : batch) {
        EmailContent content;
        try {
            content = email_content_from_json(message.content);
        } catch (const UserError& error) {
            results.push_back({DeliveryOutcome::rejected, {}, error.what()});
            continue;
        }
        results.push_back(session.send({settings_.from.address, message.address,
                                        message_headers(message, content, settings_.from, now()),
                                        content.text, content.html}));
    }
    return results;
}

}  // namespace moshtari::email
