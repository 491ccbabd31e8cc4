#pragma once
// Turns a template and a customer into the email the outbox stores, at queue time.

#include <string>

#include "email_content.hpp"
#include "moshtari/customer.hpp"
#include "settings.hpp"

namespace moshtari::email {

class Renderer {
  public:
    explicit Renderer(const Settings& settings) : settings_(settings) {}

    // `unsubscribe_token` is used by marketing templates only. Throws UserError naming every
    // placeholder the customer has no value for (and no fallback), with its file:line:column:
    // nothing is sent with a blank where a name should be.
    EmailContent render(const EmailTemplate& spec, const Customer& customer,
                        const std::string& unsubscribe_token) const;

  private:
    const Settings& settings_;
};

}  // namespace moshtari::email
