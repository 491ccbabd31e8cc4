#pragma once
// Reads the event log in order and delivers it: first to each durable subscriber after its own
// cursor (its effects and its cursor commit in one transaction, so a crash neither loses nor
// repeats an effect), then to the live EventBus.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/event_bus.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

class Database;
class EventLog;

// A named consumer of the event log with a cursor stored in the database. Its handlers write
// through the same Database; the dispatcher wraps each event in a transaction that also advances
// the cursor.
class MOSHTARI_API DurableSubscriber {
  public:
    DurableSubscriber(std::string name, std::string owner)
        : name_(std::move(name)), owner_(std::move(owner)) {}

    template <class E, class Handler>
    DurableSubscriber& on(Handler handler) {
        subscriptions_.push_back(handlers_.subscribe<E>(owner_, std::move(handler)));
        return *this;
    }

    const std::string& name() const { return name_; }
    const std::string& owner() const { return owner_; }

  private:
    friend class Dispatcher;
    std::string name_;
    std::string owner_;
    EventBus handlers_;
    std::vector<Subscription> subscriptions_;
};

class MOSHTARI_API Dispatcher {
  public:
    // Live delivery starts at the end of the log as it is now: the live bus sees only what happens
    // from here on.
    Dispatcher(Database& db, EventLog& log, EventBus& live);

    // The subscriber named `name` (created on first use); its cursor starts at the beginning of the
    // log.
    DurableSubscriber& durable(std::string_view name, std::string_view owner);

    // Drops the named subscriber and its handlers (its stored cursor stays), e.g. when its plugin
    // failed to start.
    void remove(std::string_view name);

    // Delivers everything pending. A handler that throws is logged with its owner; its subscriber
    // stops at that event (retried on the next pass) while the others go on. The live bus sees the
    // events written since this dispatcher was made, by this process or another. Returns the number
    // of deliveries: an event counts once per durable subscriber that took it, once for the live
    // bus.
    std::size_t run_once(std::size_t batch_size = 500);

    // The last event the named subscriber has fully processed (0 if none).
    EventId cursor(std::string_view name) const;

  private:
    std::size_t deliver(DurableSubscriber& subscriber, std::size_t batch_size);

    Database& db_;
    EventLog& log_;
    EventBus& live_;
    EventId live_cursor_;
    std::vector<std::unique_ptr<DurableSubscriber>> subscribers_;
};

}  // namespace moshtari
