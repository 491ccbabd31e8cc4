#pragma once
// Hands due messages to their channels: claims a batch in a short transaction, calls the channel
// outside any transaction, records each outcome in its own short transaction as the channel
// reports it.

#include <vector>

#include "moshtari/delivery_report.hpp"
#include "outbox/channel_registry.hpp"

namespace moshtari {

namespace sqlite {
class SqliteDeliveryQueue;
}

class DeliveryWorker {
  public:
    DeliveryWorker(const ChannelRegistry& channels, sqlite::SqliteDeliveryQueue& queue)
        : channels_(channels), queue_(queue) {}

    // Every channel in turn, batch after batch, until none has anything due at `now`.
    DeliveryReport run(Timestamp now);

  private:
    // Records each outcome as it comes; a channel that throws or leaves messages without a result
    // makes those retryable.
    void hand_over(const ChannelRegistry::Entry& entry, const std::vector<OutboundMessage>& batch,
                   Timestamp now, DeliveryReport& report);

    const ChannelRegistry& channels_;
    sqlite::SqliteDeliveryQueue& queue_;
};

}  // namespace moshtari
