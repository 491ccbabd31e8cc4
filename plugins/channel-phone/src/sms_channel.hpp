#pragma once
// The "sms" channel the outbox's worker hands messages to: one HTTP request per message through
// the configured provider, over one reused connection.

#include <mutex>

#include "http_client.hpp"
#include "moshtari/channel.hpp"
#include "phone_numbers.hpp"
#include "sms_gateway.hpp"

namespace moshtari::channel_phone {

class SmsChannel final : public Channel {
  public:
    SmsChannel(SmsSettings settings, PhoneNumbers numbers);

    const std::string& name() const override;
    ContactKind contact_kind() const override { return ContactKind::phone; }
    // A message whose number is not valid or whose text is over the part limit is rejected
    // without a request; no answer (refused, timed out) is retryable; the provider's answer is
    // judged by its profile.
    void deliver(const std::vector<OutboundMessage>& batch, DeliveryReceipts& receipts) override;

  private:
    DeliveryResult deliver_one(const OutboundMessage& message);

    SmsGateway gateway_;
    PhoneNumbers numbers_;
    std::mutex mutex_;  // one request at a time on the one handle
    HttpClient http_;
};

}  // namespace moshtari::channel_phone
