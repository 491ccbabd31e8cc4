#pragma once
// A way to reach customers (email, SMS). A channel never sends on its own: the outbox queues a
// rendered message in the caller's transaction, and the delivery worker hands due messages to the
// channel, outside any transaction, checking consent, suppression and quiet hours first.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"

namespace moshtari {

using MessageId = std::int64_t;

// Marketing messages need the customer's consent for the channel and carry an unsubscribe link;
// transactional ones (a receipt, a password reset) are exempt from both.
enum class MessagePurpose { marketing, transactional };

// A message as the delivery worker hands it to its channel.
struct OutboundMessage {
    MessageId id = 0;
    std::string channel{};  // the channel's name, "email"
    CustomerId customer_id = 0;
    std::string address{};  // where to: an email address, an E.164 number
    MessagePurpose purpose = MessagePurpose::marketing;
    std::string idempotency_key{};
    // Stable across every attempt ("<42.3f9a...@host>"), so a receiver can drop the one copy a
    // worker killed between handing over and recording may send again.
    std::string message_id{};
    int attempt = 1;           // 1 on the first try
    nlohmann::json content{};  // what the channel rendered at queue time; its own shape
};

enum class DeliveryOutcome {
    sent,       // accepted by the server or provider
    retryable,  // try again later: timeout, connection refused, 4xx SMTP, HTTP 429/5xx
    rejected,   // never worth retrying: bad address, 5xx SMTP, HTTP 4xx; the message goes dead
};

struct DeliveryResult {
    DeliveryOutcome outcome = DeliveryOutcome::sent;
    std::string provider_id{};  // the provider's id for the message, when it gives one
    std::string detail{};       // the server's words, for `moshtari outbox show`
};

// Where a channel reports each message's outcome the moment it knows it. The worker records it at
// once, in its own transaction, so a worker killed mid-batch hands over again only the message that
// was in flight.
class DeliveryReceipts {
  public:
    virtual ~DeliveryReceipts() = default;
    // `index` is the message's position in the batch; one result per message. Throws when the
    // outcome cannot be stored: let it propagate and hand over nothing more.
    virtual void record(std::size_t index, const DeliveryResult& result) = 0;
};

class Channel {
  public:
    virtual ~Channel() = default;

    // Unique among running channels; the consent channel it honours ("email", "sms").
    virtual const std::string& name() const = 0;
    // The kind of contact point it delivers to; the worker resolves the address from it.
    virtual ContactKind contact_kind() const = 0;
    // Delivers in order, recording each outcome in `receipts` before handing over the next
    // message. May reuse one connection for the batch. Messages left without a result when it
    // returns or throws are retried later.
    virtual void deliver(const std::vector<OutboundMessage>& batch, DeliveryReceipts& receipts) = 0;
};

}  // namespace moshtari
