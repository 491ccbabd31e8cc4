#pragma once
// The "email" channel the outbox delivers through: one SMTP connection per batch.

#include <memory>

#include "moshtari/channel.hpp"
#include "settings.hpp"

namespace moshtari::email {

class EmailChannel final : public Channel {
  public:
    // Shares the settings: the outbox may hold the channel a moment longer than the plugin object.
    explicit EmailChannel(std::shared_ptr<const Settings> settings)
        : settings_(std::move(settings)) {}

    const std::string& name() const override { return name_; }
    ContactKind contact_kind() const override { return ContactKind::email; }
    // A message whose content is not a rendered email is rejected; the others go out over one
    // connection. Throws only when no session can be opened (a missing password variable).
    void deliver(const std::vector<OutboundMessage>& batch, DeliveryReceipts& receipts) override;

  private:
    std::shared_ptr<const Settings> settings_;
    std::string name_ = "email";
};

}  // namespace moshtari::email
