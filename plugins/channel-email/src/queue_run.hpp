#pragma once
// One `moshtari email send` run: renders a template for each customer and queues the messages
// through the outbox, all in one transaction.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "settings.hpp"
#include "unsubscribe_tokens.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::email {

struct QueueRequest {
    std::string template_name;
    std::vector<CustomerId> customers;  // these, or everyone with `tag`
    std::string tag;
    std::string campaign;        // part of the idempotency key: the same campaign never sends twice
    bool transactional = false;  // must say so to send a template that bypasses consent
};

struct QueueSummary {
    int queued = 0;
    int queued_before = 0;             // their key was queued by an earlier run: nothing new
    std::vector<std::string> skipped;  // "customer 7 (Ali): why"

    void print(std::ostream& out, const std::string& template_name) const;
};

// Throws UserError when the template is unknown or its purpose and --transactional disagree.
QueueSummary queue_emails(Workspace& workspace, const Settings& settings, UnsubscribeTokens& tokens,
                          const QueueRequest& request);

// "email/<template>/<customer>[/<campaign>]".
std::string idempotency_key(const std::string& template_name, CustomerId customer,
                            const std::string& campaign);

}  // namespace moshtari::email
