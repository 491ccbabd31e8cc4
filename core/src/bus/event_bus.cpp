#include "moshtari/event_bus.hpp"

#include <boost/signals2/signal.hpp>

#include <map>

#include "guard.hpp"

namespace moshtari {

namespace {
// Each slot reports whether it threw, so publish can count failures without letting one stop the
// rest.
using Signal = boost::signals2::signal<void(const EventRecord&, std::size_t& failures)>;
constexpr std::string_view kEveryType = "*";
}  // namespace

struct EventBus::Impl {
    std::map<std::string, std::unique_ptr<Signal>, std::less<>> signals;

    Signal& signal(std::string_view type) {
        auto it = signals.find(type);
        if (it == signals.end())
            it = signals.emplace(std::string(type), std::make_unique<Signal>()).first;
        return *it->second;
    }
};

Subscription::Subscription() = default;
Subscription::Subscription(std::shared_ptr<void> connection) : connection_(std::move(connection)) {}
Subscription::Subscription(Subscription&&) noexcept = default;
Subscription& Subscription::operator=(Subscription&&) noexcept = default;
Subscription::~Subscription() = default;

void Subscription::disconnect() {
    connection_.reset();
}

bool Subscription::connected() const {
    return connection_ &&
           static_cast<boost::signals2::scoped_connection*>(connection_.get())->connected();
}

EventBus::EventBus() : impl_(std::make_unique<Impl>()) {}
EventBus::~EventBus() = default;

Subscription EventBus::subscribe(std::string_view type, std::string owner, Slot slot) {
    const std::string what = "handling " + std::string(type == kEveryType ? "events" : type);
    auto connection =
        impl_->signal(type).connect([owner = std::move(owner), what, slot = std::move(slot)](
                                        const EventRecord& record, std::size_t& failures) {
            if (run_guarded(owner, what + " #" + std::to_string(record.id), [&] { slot(record); }))
                ++failures;
        });
    return Subscription(
        std::make_shared<boost::signals2::scoped_connection>(std::move(connection)));
}

std::size_t EventBus::publish(const EventRecord& record) {
    std::size_t failures = 0;
    if (auto it = impl_->signals.find(record.type); it != impl_->signals.end())
        (*it->second)(record, failures);
    if (auto it = impl_->signals.find(kEveryType); it != impl_->signals.end())
        (*it->second)(record, failures);
    return failures;
}

}  // namespace moshtari
