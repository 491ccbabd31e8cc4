#include "email_channel.hpp"

#include "email_content.hpp"
#include "message_headers.hpp"
#include "moshtari/error.hpp"
#include "smtp_session.hpp"

namespace moshtari::email {

void EmailChannel::deliver(const std::vector<OutboundMessage>& batch, DeliveryReceipts& receipts) {
    SmtpSession session(settings_->smtp);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const OutboundMessage& message = batch[i];
        EmailContent content;
        try {
            content = email_content_from_json(message.content);
        } catch (const UserError& error) {
            receipts.record(i, {DeliveryOutcome::rejected, {}, error.what()});
            continue;
        }
        receipts.record(i, session.send({settings_->from.address, message.address,
                                         message_headers(message, content, settings_->from, now()),
                                         content.text, content.html}));
    }
}

}  // namespace moshtari::email
