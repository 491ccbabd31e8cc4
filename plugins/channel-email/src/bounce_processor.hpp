#pragma once
// `moshtari email bounces FILE`: reads the delivery status notifications of an mbox or maildir and
// suppresses hard-bounced addresses at once and soft-bounced ones at the threshold.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "mailbox_reader.hpp"
#include "soft_bounces.hpp"

namespace moshtari {
class Outbox;
class Workspace;
}  // namespace moshtari

namespace moshtari::email {

struct BounceSummary {
    int messages = 0;                     // read from the mailbox
    int reports = 0;                      // of them, delivery status notifications
    std::vector<std::string> suppressed;  // "address: reason"
    std::vector<std::string> soft;        // "address: 2 of 3 soft bounces"
    int ignored = 0;       // messages that are no report, recipients that were delivered
    int already_read = 0;  // reports whose Message-ID an earlier run handled
    std::vector<std::string> unparseable;  // "source: what is wrong"

    void print(std::ostream& out) const;
};

class BounceProcessor {
  public:
    BounceProcessor(Workspace& workspace, Outbox& outbox, SoftBounces& soft_bounces,
                    int soft_threshold)
        : workspace_(workspace),
          outbox_(outbox),
          soft_bounces_(soft_bounces),
          soft_threshold_(soft_threshold) {}

    // Everything the mailbox leads to is written in one transaction.
    BounceSummary process(const std::vector<MailboxMessage>& messages, Timestamp at);

  private:
    Workspace& workspace_;
    Outbox& outbox_;
    SoftBounces& soft_bounces_;
    int soft_threshold_;
};

}  // namespace moshtari::email
