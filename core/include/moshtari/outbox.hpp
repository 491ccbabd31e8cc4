#pragma once
// The durable outbox every channel sends through. Queueing writes a row in the caller's
// transaction; a delivery worker (`moshtari outbox run`, and `moshtari run`) hands due messages to
// their channel, checking consent and suppression at send time, never only at queue time.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/channel.hpp"
#include "moshtari/export.hpp"
#include "moshtari/interaction.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

// queued → sending → sent, or → failed (retried with backoff) → dead after the configured number
// of attempts; skipped when consent, suppression or a missing address forbids sending; cancelled
// by hand.
enum class MessageState { queued, sending, sent, failed, dead, skipped, cancelled };

MOSHTARI_API const char* to_string(MessageState state);
// Throws UserError listing the accepted words.
MOSHTARI_API MessageState parse_message_state(std::string_view text);
MOSHTARI_API const char* to_string(MessagePurpose purpose);
// Throws UserError listing the accepted words.
MOSHTARI_API MessagePurpose parse_message_purpose(std::string_view text);

struct MessageRequest {
    std::string channel{};
    CustomerId customer_id = 0;
    MessagePurpose purpose = MessagePurpose::marketing;
    // The same key is never sent twice, across restarts: queueing it again returns the first
    // message.
    std::string idempotency_key{};
    nlohmann::json content{};  // rendered by the channel plugin at queue time
    // Unset: the customer's primary contact of the channel's kind, resolved at send time.
    std::optional<std::string> address{};
    std::optional<Timestamp> not_before{};
};

struct OutboxMessage {
    MessageId id = 0;
    std::string channel{};
    CustomerId customer_id = 0;
    std::string address{};  // empty until resolved
    MessagePurpose purpose = MessagePurpose::marketing;
    std::string idempotency_key{};
    std::string message_id{};
    MessageState state = MessageState::queued;
    int attempts = 0;
    Timestamp next_attempt_at{};
    std::string last_error{};  // the server's words, or why it was skipped
    std::string provider_id{};
    nlohmann::json content{};
    Timestamp created_at{};
    std::optional<Timestamp> sent_at{};
    // The outbound interaction written when it was sent.
    std::optional<InteractionId> interaction_id{};
};

struct OutboxQuery {
    std::optional<MessageState> state{};
    std::optional<std::string> channel{};
    std::optional<CustomerId> customer_id{};
    std::size_t limit = 100;
};

// What queue() did: the message's id, and whether this call queued it (false when its idempotency
// key had been queued before, and nothing changed).
struct QueuedMessage {
    MessageId id = 0;
    bool created = false;
};

class MOSHTARI_API Outbox {
  public:
    virtual ~Outbox() = default;

    // Inside the caller's transaction (throws outside one); appends MessageQueued. Refuses a
    // channel no running plugin provides.
    virtual QueuedMessage queue(const MessageRequest& request) = 0;
    virtual std::optional<OutboxMessage> find(MessageId id) const = 0;
    virtual std::vector<OutboxMessage> list(const OutboxQuery& query) const = 0;
    virtual std::map<MessageState, std::int64_t> counts() const = 0;
    // A failed, dead or skipped message back to queued, due now.
    virtual void retry(MessageId id) = 0;
    // A queued or failed message will never be sent.
    virtual void cancel(MessageId id) = 0;

    // Addresses that must never receive anything on a channel (hard bounces, complaints).
    virtual void suppress(const std::string& channel, const std::string& address,
                          const std::string& reason) = 0;
    virtual bool is_suppressed(const std::string& channel, const std::string& address) const = 0;
};

}  // namespace moshtari
