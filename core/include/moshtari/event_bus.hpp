#pragma once
// In-process typed publish/subscribe over boost::signals2, one signal per event type.
// A throwing slot is logged with its owner's name; the other slots still receive the event.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "moshtari/event_record.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

// Disconnects its slot when destroyed.
class MOSHTARI_API Subscription {
  public:
    Subscription();
    explicit Subscription(std::shared_ptr<void> connection);
    Subscription(Subscription&&) noexcept;
    Subscription& operator=(Subscription&&) noexcept;
    ~Subscription();

    void disconnect();
    bool connected() const;

  private:
    std::shared_ptr<void> connection_;  // a boost::signals2::scoped_connection
};

class MOSHTARI_API EventBus {
  public:
    using Slot = std::function<void(const EventRecord&)>;

    EventBus();
    ~EventBus();
    EventBus(const EventBus&) = delete;
    EventBus& operator=(const EventBus&) = delete;

    // `owner` names who subscribed (a plugin id, "core") in error messages. "*" subscribes to every
    // type.
    Subscription subscribe(std::string_view type, std::string owner, Slot slot);

    template <class E, class Handler>
    Subscription subscribe(std::string owner, Handler handler) {
        return subscribe(E::kType, std::move(owner),
                         [h = std::move(handler)](const EventRecord& r) { h(r.as<E>(), r); });
    }

    // Calls every slot for the record's type, then every "*" slot, in subscription order.
    // Returns how many slots threw (each already logged).
    std::size_t publish(const EventRecord& record);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace moshtari
