#pragma once
// One provider as its profile describes it: the HTTP request that sends a message, and what the
// provider's answer means for the outbox (sent with the provider's id, retryable or rejected, with
// the provider's own words).

#include <string>

#include "http_client.hpp"
#include "moshtari/channel.hpp"
#include "settings.hpp"

namespace moshtari::channel_phone {

struct SmsToSend {
    std::string to{};  // E.164
    std::string text{};
    std::string message_id{};
    MessageId outbox_id = 0;
};

class SmsGateway {
  public:
    explicit SmsGateway(SmsSettings settings) : settings_(std::move(settings)) {}

    HttpRequest request_for(const SmsToSend& message) const;
    DeliveryResult result_of(const HttpResponse& response) const;
    const SmsSettings& settings() const { return settings_; }

  private:
    SmsSettings settings_;
};

}  // namespace moshtari::channel_phone
