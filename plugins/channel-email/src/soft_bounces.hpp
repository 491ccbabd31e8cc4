#pragma once
// Soft bounces (4.x.x) counted per address in channel_email_soft_bounces, so an address that keeps
// failing temporarily is suppressed once it reaches the configured threshold.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::email {

class SoftBounces {
  public:
    explicit SoftBounces(Workspace& workspace) : workspace_(workspace) {}

    // Counts one more soft bounce for the address (inside the caller's transaction); returns the
    // count so far.
    int record(const std::string& address, std::optional<CustomerId> customer,
               const std::string& status, Timestamp at);
    // Remembers that the count led to the address being suppressed.
    void mark_suppressed(const std::string& address);

    nlohmann::json personal_data(CustomerId customer) const;
    void erase(CustomerId customer);
    void merge(CustomerId survivor, CustomerId merged);

  private:
    Workspace& workspace_;
};

}  // namespace moshtari::email
