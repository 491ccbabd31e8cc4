// `moshtari events tail`: the latest events of the log.

#include <algorithm>
#include <deque>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "moshtari/event_log.hpp"

namespace moshtari::cli {

namespace {

struct Tail {
    std::size_t count = 20;
    std::string type;
};

// The log is read backwards in windows of ids, so a tail costs the events near the end, not the
// whole log. read_after(low, width) returns at most `width` events above `low`, which covers every
// id up to low + width.
std::deque<EventRecord> latest_events(const EventLog& log, const Tail& tail) {
    constexpr EventId kWindow = 1000;
    std::deque<EventRecord> latest;
    for (EventId high = log.last_id(); high > 0 && latest.size() < tail.count;) {
        const EventId low = std::max<EventId>(0, high - kWindow);
        auto window = log.read_after(low, static_cast<std::size_t>(high - low), tail.type);
        std::erase_if(window, [high](const EventRecord& e) { return e.id > high; });
        for (auto e = window.rbegin(); e != window.rend() && latest.size() < tail.count; ++e) {
            latest.push_front(std::move(*e));
        }
        high = low;
    }
    return latest;
}

}  // namespace

void add_events_command(CLI::App& app, CliContext& context) {
    auto* events = add_command_group(app, "events", "The event log every change is recorded in");
    auto* command = events->add_subcommand("tail", "The latest events, oldest first");
    auto tail = std::make_shared<Tail>();
    command->add_option("-n,--count", tail->count, "How many")
        ->check(positive_integer())
        ->capture_default_str();
    command->add_option("--type", tail->type,
                        "Only events of this type (CustomerCreated, OrderPlaced, ...)");
    context.add_json_flag(*command);
    command->callback([&context, tail] {
        Table table{{"id", "at", "type", "payload"}, {}};
        for (const auto& e : latest_events(context.workspace().event_log(), *tail)) {
            table.rows.push_back({e.id, format_time(e.at), e.type, e.payload});
        }
        context.print(table);
    });
}

}  // namespace moshtari::cli
