#pragma once
// Outbox on SQLite: the outbox_messages and outbox_suppressions tables.

#include "moshtari/outbox.hpp"
#include "outbox/channel_registry.hpp"

namespace moshtari {
class CustomerStore;
class Database;
class EventLog;
struct OutboxSettings;
}  // namespace moshtari

namespace moshtari::sqlite {

class SqliteOutbox final : public Outbox {
  public:
    SqliteOutbox(Database& db, EventLog& log, const CustomerStore& customers,
                 const ChannelRegistry& channels, const OutboxSettings& settings)
        : db_(db), log_(log), customers_(customers), channels_(channels), settings_(settings) {}

    QueuedMessage queue(const MessageRequest& request) override;
    std::optional<OutboxMessage> find(MessageId id) const override;
    std::vector<OutboxMessage> list(const OutboxQuery& query) const override;
    std::map<MessageState, std::int64_t> counts() const override;
    void retry(MessageId id) override;
    void cancel(MessageId id) override;
    void suppress(const std::string& channel, const std::string& address,
                  const std::string& reason) override;
    bool is_suppressed(const std::string& channel, const std::string& address) const override;

  private:
    OutboxMessage get(MessageId id) const;

    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
    const ChannelRegistry& channels_;
    const OutboxSettings& settings_;
};

}  // namespace moshtari::sqlite
