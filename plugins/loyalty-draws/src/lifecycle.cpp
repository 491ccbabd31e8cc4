#include "lifecycle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "accrual.hpp"
#include "draw_events.hpp"
#include "entry_list.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "seed.hpp"
#include "sha256.hpp"

namespace moshtari::draws {

namespace {

constexpr std::int64_t kMostTicketsByHand = 1000000;

void check_request(const NewDraw& r) {
    const bool usable_name =
        !r.name.empty() && r.name.size() <= 64 &&
        std::all_of(r.name.begin(), r.name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        });
    if (!usable_name) {
        throw UserError(
            fmt::format("'{}' is not a usable draw name; use up to 64 letters, digits, "
                        "'-', '_' or '.', such as 'christmas-2026'",
                        r.name));
    }
    if (r.to <= r.from) {
        throw UserError(
            fmt::format("the entry window must end after it starts; --from {} and --to "
                        "{} give none",
                        format_time(r.from), format_time(r.to)));
    }
    if (r.winners < 1) throw UserError("--winners must be at least 1");
    const auto prizes = static_cast<std::int64_t>(r.prizes.size());
    if (prizes > 1 && prizes != r.winners) {
        throw UserError(
            fmt::format("give one --prize for every winner, or one for all of them; "
                        "{} prizes for {} winners do not match",
                        prizes, r.winners));
    }
}

}  // namespace

Draw create_draw(Workspace& workspace, const Settings& settings, const NewDraw& request,
                 Timestamp at) {
    check_request(request);
    Transaction tx(workspace.database());
    DrawStore store(workspace.database());
    if (const auto existing = store.find(request.name)) {
        throw UserError(
            fmt::format("there is already a draw '{}' (created {}); choose another name",
                        request.name, format_time(existing->created_at)));
    }
    const std::string secret = make_secret();
    Draw draw;
    draw.name = request.name;
    draw.from = request.from;
    draw.to = request.to;
    draw.winners = request.winners;
    draw.prizes = request.prizes;
    draw.seed_commitment = commitment_of(secret);
    draw.created_at = at;
    draw.created_by = request.by;
    draw.id = store.insert(draw, secret);
    accrue_everything(workspace.database(), settings, draw);
    workspace.event_log().append(
        events::DrawCreated{draw.id, draw.name, draw.seed_commitment, to_unix(draw.from),
                            to_unix(draw.to), draw.winners},
        at);
    tx.commit();
    return draw;
}

Entry enter(Workspace& workspace, const ManualEntry& request) {
    if (request.count < 1 || request.count > kMostTicketsByHand) {
        throw UserError(fmt::format("--entries must be from 1 to {}", kMostTicketsByHand));
    }
    Transaction tx(workspace.database());
    DrawStore store(workspace.database());
    const Draw draw = store.get(request.draw);
    if (draw.status != DrawStatus::open) {
        throw UserError(
            fmt::format("draw '{}' is {}: its entry list is frozen; nothing was entered", draw.name,
                        to_string(draw.status)));
    }
    if (request.at < draw.from || request.at >= draw.to) {
        throw UserError(fmt::format(
            "draw '{}' takes entries dated from {} until {}; {} is outside; "
            "give the date the entry was received with --at",
            draw.name, format_time(draw.from), format_time(draw.to), format_time(request.at)));
    }
    const Customer customer = workspace.customers().get(request.customer);
    Entry entry;
    entry.draw = draw.name;
    entry.source = fmt::format("manual:{}", request.reference.empty()
                                                ? fmt::format("no-purchase:{}", customer.id)
                                                : request.reference);
    entry.customer = customer.id;
    entry.count = request.count;
    entry.at = request.at;
    entry.reason = request.reason;
    entry.by = request.by;
    const auto id = store.insert_entry(draw.id, entry);
    if (!id) {
        throw UserError(fmt::format(
            "draw '{}' already has the entry '{}'; nothing was entered. A customer's no-purchase "
            "entry is given once; give another --reference for a further entry",
            draw.name, entry.source));
    }
    entry.id = *id;
    workspace.event_log().append(
        events::DrawEntryAdded{draw.id, entry.id, customer.id, entry.count, entry.source},
        request.at);
    tx.commit();
    return entry;
}

Draw commit(Workspace& workspace, Draw draw, const std::string& beacon_source, Timestamp at) {
    if (draw.status != DrawStatus::open) {
        throw UserError(fmt::format("draw '{}' was committed at {} with the entries hash {}",
                                    draw.name, format_time(draw.committed_at.value_or(at)),
                                    draw.entries_sha256));
    }
    if (at < draw.to) {
        throw UserError(
            fmt::format("draw '{}' takes entries until {}; close it after that, so "
                        "every entry of the window is in its list",
                        draw.name, format_time(draw.to)));
    }
    DrawStore store(workspace.database());
    const auto listed = store.listed(draw.id);
    const std::string list = format_entry_list(listed);
    std::set<std::int64_t> customers;
    for (const auto& e : listed) {
        draw.tickets += e.count;
        customers.insert(e.customer);
    }
    draw.status = DrawStatus::committed;
    draw.committed_at = at;
    draw.entries_sha256 = sha256_hex(list);
    draw.entry_lines = static_cast<std::int64_t>(listed.size());
    draw.customers = static_cast<std::int64_t>(customers.size());
    draw.beacon_source = beacon_source;
    store.commit(draw, list);
    workspace.event_log().append(
        events::DrawCommitted{draw.id, draw.entries_sha256, draw.entry_lines, draw.tickets,
                              draw.beacon_source},
        at);
    return draw;
}

Draw close_draw(Workspace& workspace, const std::string& name, const std::string& beacon_source,
                Timestamp at) {
    Transaction tx(workspace.database());
    Draw draw = commit(workspace, DrawStore(workspace.database()).get(name), beacon_source, at);
    tx.commit();
    return draw;
}

}  // namespace moshtari::draws
