#pragma once
// The tokens in marketing mail's unsubscribe links: random, one per customer and address, stored
// in channel_email_unsubscribe_tokens so `moshtari email unsubscribe TOKEN` knows whom it names.

#include <nlohmann/json.hpp>
#include <string>

#include "moshtari/customer.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::email {

struct Unsubscribed {
    CustomerId customer_id = 0;
    std::string name;
    std::string address;
    bool already = false;  // the customer had withdrawn email consent before
};

class UnsubscribeTokens {
  public:
    explicit UnsubscribeTokens(Workspace& workspace) : workspace_(workspace) {}

    // The customer's token for the address, made on first use; inside the caller's transaction.
    std::string token_for(CustomerId customer, const std::string& address);
    // Withdraws the customer's email consent ("unsubscribe link") in one transaction. Throws
    // NotFound when the token is unknown or its customer was erased.
    Unsubscribed unsubscribe(const std::string& token, Timestamp at);

    // The personal data handler's three parts, for this table.
    nlohmann::json personal_data(CustomerId customer) const;
    void erase(CustomerId customer);
    void merge(CustomerId survivor, CustomerId merged);

  private:
    Workspace& workspace_;
};

}  // namespace moshtari::email
