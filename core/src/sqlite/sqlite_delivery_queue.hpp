#pragma once
// The delivery worker's two kinds of short transaction: claiming a channel's due messages under the
// write lock, and recording one hand-over's outcome.

#include <random>
#include <string>
#include <vector>

#include "moshtari/channel.hpp"
#include "moshtari/delivery_report.hpp"
#include "moshtari/outbox.hpp"

namespace moshtari {
class CustomerStore;
class Database;
class EventLog;
class InteractionStore;
struct ChannelPacing;
struct OutboxSettings;
}  // namespace moshtari

namespace moshtari::sqlite {

class SqliteDeliveryQueue {
  public:
    SqliteDeliveryQueue(Database& db, EventLog& log, const CustomerStore& customers,
                        InteractionStore& interactions, const OutboxSettings& settings);

    struct Claim {
        std::vector<OutboundMessage> batch;  // now `sending`, held by this process
        DeliveryReport report;               // the skipped and deferred ones
    };
    // Up to batch_size messages of the channel that are due at `now` (or were left `sending` by a
    // worker that is gone), within the channel's rate limit. Messages that may not be sent are
    // skipped with their reason, those inside quiet hours moved to their end.
    Claim claim(const std::string& channel, ContactKind kind, Timestamp now);

    // The outcome of handing `message` over; adds it to `report`. Nothing is recorded when the
    // message is no longer this process's (its lease ran out and another worker took it).
    void record(const OutboundMessage& message, const DeliveryResult& result, Timestamp now,
                DeliveryReport& report);

  private:
    struct Candidate {
        OutboxMessage message;
        bool resend = false;  // left `sending` by a worker that is gone
    };
    std::vector<Candidate> stale_sending(const std::string& channel, Timestamp now,
                                         std::size_t& in_flight) const;
    std::vector<Candidate> due(const std::string& channel, Timestamp now, std::size_t limit) const;
    std::size_t sent_in_last_minute(const std::string& channel, Timestamp now) const;
    // Applies the send-time checks to one candidate; true when it was claimed into `claim`.
    bool take(const Candidate& candidate, ContactKind kind, const ChannelPacing* pacing,
              Timestamp now, Claim& claim);
    void record_sent(const OutboundMessage& message, const DeliveryResult& result, Timestamp now);
    void record_failure(const OutboundMessage& message, const std::string& error, bool dead,
                        Timestamp now);

    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
    InteractionStore& interactions_;
    const OutboxSettings& settings_;
    std::mt19937_64 random_;
};

}  // namespace moshtari::sqlite
