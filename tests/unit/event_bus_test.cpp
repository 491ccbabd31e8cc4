#include "moshtari/event_bus.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <vector>

#include "moshtari/events.hpp"

namespace moshtari {
namespace {

EventRecord order_placed(EventId id, std::int64_t customer) {
    return EventRecord{id, "OrderPlaced", now(),
                       events::OrderPlaced{id, customer, 0, 1000, "EUR", false}};
}

TEST(EventBus, DeliversTypedEventsInSubscriptionOrder) {
    EventBus bus;
    std::vector<std::string> calls;
    auto first = bus.subscribe<events::OrderPlaced>(
        "a", [&](const events::OrderPlaced& e, const EventRecord&) {
            calls.push_back("a" + std::to_string(e.customer_id));
        });
    auto second = bus.subscribe<events::OrderPlaced>(
        "b", [&](const events::OrderPlaced& e, const EventRecord&) {
            calls.push_back("b" + std::to_string(e.customer_id));
        });
    auto every =
        bus.subscribe("*", "c", [&](const EventRecord& r) { calls.push_back("c" + r.type); });
    auto other = bus.subscribe<events::DailyTick>(
        "d", [&](const auto&, const EventRecord&) { calls.push_back("d"); });
    bus.publish(order_placed(1, 7));
    bus.publish(order_placed(2, 8));
    EXPECT_EQ(calls,
              (std::vector<std::string>{"a7", "b7", "cOrderPlaced", "a8", "b8", "cOrderPlaced"}));
}

TEST(EventBus, DroppingTheSubscriptionDisconnects) {
    EventBus bus;
    int calls = 0;
    {
        auto subscription = bus.subscribe("OrderPlaced", "a", [&](const EventRecord&) { ++calls; });
        EXPECT_TRUE(subscription.connected());
        bus.publish(order_placed(1, 1));
    }
    bus.publish(order_placed(2, 1));
    EXPECT_EQ(calls, 1);
}

TEST(EventBus, AThrowingSlotIsCountedLoggedUnderItsOwnerAndTheOthersStillRun) {
    const auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(10);
    const auto previous = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
    EventBus bus;
    int later_calls = 0;
    auto bad = bus.subscribe("OrderPlaced", "broken-plugin",
                             [](const EventRecord&) { throw std::runtime_error("disk on fire"); });
    auto good =
        bus.subscribe("OrderPlaced", "good-plugin", [&](const EventRecord&) { ++later_calls; });
    EXPECT_EQ(bus.publish(order_placed(1, 1)), 1u);
    EXPECT_EQ(later_calls, 1);
    spdlog::set_default_logger(previous);
    const auto lines = sink->last_formatted();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find("broken-plugin: handling OrderPlaced #1 failed: disk on fire"),
              std::string::npos)
        << lines[0];
}

}  // namespace
}  // namespace moshtari
