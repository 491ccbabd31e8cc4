#pragma once
// The "email" channel the outbox delivers through: one SMTP connection per batch.

#include "moshtari/channel.hpp"
#include "settings.hpp"

namespace moshtari::email {

class EmailChannel final : public Channel {
  public:
    explicit EmailChannel(const Settings& settings) : settings_(settings) {}

    const std::string& name() const override { return name_; }
    ContactKind contact_kind() const override { return ContactKind::email; }
    // A message whose content is not a rendered email is rejected; the others go out over one
    // connection. Throws only when no session can be opened (a missing password variable).
    std::vector<DeliveryResult> deliver(const std::vector<OutboundMessage>& batch) override;

  private:
    const Settings& settings_;
    std::string name_ = "email";
};

}  // namespace moshtari::email
