#include "run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "draw_events.hpp"
#include "drawing.hpp"
#include "entry_list.hpp"
#include "lifecycle.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "notification.hpp"
#include "seed.hpp"

namespace moshtari::draws {

namespace {

void check_beacon(const Draw& draw, const std::string& beacon) {
    if (!draw.beacon_source.empty() && beacon.empty()) {
        throw UserError(
            fmt::format("draw '{}' was committed to mix in {}; give its value with "
                        "--beacon once it is public",
                        draw.name, draw.beacon_source));
    }
    if (draw.beacon_source.empty() && !beacon.empty()) {
        throw UserError(fmt::format(
            "draw '{}' announced no public value when it was committed; a value first named at "
            "the run could be chosen to pick the winners, so --beacon is refused. Announce one "
            "with `draws close {} --beacon-source TEXT` before running",
            draw.name, draw.name));
    }
}

void check_channel(Workspace& workspace, const Notification& notification) {
    if (notification.enabled() && !workspace.channel(notification.channel)) {
        throw UserError(fmt::format(
            "loyalty-draws.notification.channel is '{}', but no running plugin provides that "
            "channel; configure it (channel-email needs its section) or remove the notification; "
            "nothing was drawn",
            notification.channel));
    }
}

// Why the customer may not win; empty when they may.
std::string exclusion(const Exclusions& exclude, const std::optional<Customer>& customer,
                      const std::set<CustomerId>& drawn) {
    if (!customer) return "erased";
    if (drawn.count(customer->id) > 0) {
        return fmt::format("merged into customer #{}, who was drawn before", customer->id);
    }
    for (const auto& tag : exclude.tags) {
        if (std::find(customer->tags.begin(), customer->tags.end(), tag) != customer->tags.end())
            return fmt::format("tagged '{}'", tag);
    }
    if (!exclude.without_consent.empty() && !customer->has_consent(exclude.without_consent)) {
        return fmt::format("no consent for {}", exclude.without_consent);
    }
    return {};
}

}  // namespace

RunResult run_draw(Workspace& workspace, const Settings& settings, const std::string& name,
                   const std::string& beacon, Timestamp at) {
    Transaction tx(workspace.database());
    DrawStore store(workspace.database());
    Draw draw = store.get(name);
    if (draw.status == DrawStatus::drawn) return {draw, store.picks(draw.id), false};
    check_channel(workspace, settings.notification);
    if (draw.status == DrawStatus::open) draw = commit(workspace, draw, "", at);
    check_beacon(draw, beacon);
    draw.beacon = beacon;
    draw.seed = seed_text(store.secret(draw.id), beacon);
    draw.drawn_at = at;
    draw.status = DrawStatus::drawn;

    const auto list = parse_entry_list(store.committed_list(draw.id), "the committed list");
    std::vector<RecordedPick> picks;
    std::vector<std::int64_t> winners;
    std::set<CustomerId> drawn;
    const auto decide = [&](const Pick& pick) {
        RecordedPick& recorded = picks.emplace_back();
        recorded.position = static_cast<std::int64_t>(picks.size());
        recorded.entry = pick.entry;
        recorded.listed_customer = pick.customer;
        recorded.customer = store.owner_of(pick.entry);
        const auto customer =
            recorded.customer ? workspace.customers().find(*recorded.customer) : std::nullopt;
        recorded.reason = exclusion(settings.exclude, customer, drawn);
        recorded.winner = recorded.reason.empty();
        if (customer) drawn.insert(customer->id);
        if (!recorded.winner) return false;
        winners.push_back(customer->id);
        recorded.rank = static_cast<std::int64_t>(winners.size());
        recorded.prize = draw.prize_for(recorded.rank);
        if (settings.notification.enabled()) {
            recorded.message =
                notify_winner(workspace, settings.notification, draw, *customer, recorded);
        }
        return true;
    };
    draw_order(list, draw.seed, static_cast<std::size_t>(draw.winners), decide);
    store.record_result(draw, picks);
    workspace.event_log().append(
        events::DrawDrawn{draw.id, draw.seed, winners,
                          static_cast<std::int64_t>(picks.size() - winners.size())},
        at);
    tx.commit();
    return {draw, picks, true};
}

}  // namespace moshtari::draws
