#include "sms_channel.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"
#include "sms_text.hpp"

namespace moshtari::channel_phone {

SmsChannel::SmsChannel(SmsSettings settings, PhoneNumbers numbers)
    : gateway_(std::move(settings)),
      numbers_(std::move(numbers)),
      http_(gateway_.settings().timeout) {}

const std::string& SmsChannel::name() const {
    static const std::string name = "sms";
    return name;
}

void SmsChannel::deliver(const std::vector<OutboundMessage>& batch, DeliveryReceipts& receipts) {
    const std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < batch.size(); ++i) receipts.record(i, deliver_one(batch[i]));
}

DeliveryResult SmsChannel::deliver_one(const OutboundMessage& message) {
    const SmsSettings& settings = gateway_.settings();
    SmsToSend sms;
    sms.message_id = message.message_id;
    sms.outbox_id = message.id;
    try {
        sms.to = numbers_.e164(message.address);
        if (!message.content.is_object() || !message.content.contains("text") ||
            !message.content["text"].is_string()) {
            return {DeliveryOutcome::rejected, "", "the message has no text in its content"};
        }
        sms.text = message.content["text"].get<std::string>();
        const SmsSize size = measure_sms(sms.text, settings.profile.segments);
        if (size.parts > settings.max_parts) {
            return {DeliveryOutcome::rejected, "",
                    fmt::format("the text needs {} {} parts; at most {} are allowed", size.parts,
                                to_string(size.encoding), settings.max_parts)};
        }
    } catch (const UserError& error) {
        return {DeliveryOutcome::rejected, "", error.what()};
    }
    try {
        return gateway_.result_of(http_.send(gateway_.request_for(sms)));
    } catch (const TransportError& error) {
        return {DeliveryOutcome::retryable, "", fmt::format("no answer: {}", error.what())};
    }
}

}  // namespace moshtari::channel_phone
