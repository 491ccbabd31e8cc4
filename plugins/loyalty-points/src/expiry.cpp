#include "expiry.hpp"

#include <algorithm>
#include <set>

#include "moshtari/transaction.hpp"

namespace moshtari::loyalty {

namespace {

struct Lot {
    const Entry* entry;
    std::int64_t left;

    bool valid_at(Timestamp t) const {
        return entry->expires_at == Timestamp{} || entry->expires_at > t;
    }
};

// Takes up to `wanted` points from `lot`.
void take(Lot& lot, std::int64_t& wanted) {
    const std::int64_t taken = std::min(lot.left, wanted);
    lot.left -= taken;
    wanted -= taken;
}

}  // namespace

std::vector<DueExpiry> due_expiries(std::span<const Entry> entries, Timestamp as_of) {
    // Lots oldest first by when they were received; a lot received later but dated earlier (an
    // imported order) is spent first from then on, never retroactively.
    std::vector<Lot> lots;
    std::set<std::int64_t> recorded;
    std::int64_t owed = 0;  // spent beyond the lots, under negative_balance: allow
    for (const auto& entry : entries) {
        if (entry.points > 0) {
            Lot lot{&entry, entry.points};
            take(lot, owed);  // points owed are paid from the next points received
            const auto position = std::upper_bound(
                lots.begin(), lots.end(), entry.at,
                [](Timestamp at, const Lot& other) { return at < other.entry->at; });
            lots.insert(position, lot);
            continue;
        }
        std::int64_t wanted = -entry.points;
        if (entry.kind == EntryKind::expire && entry.lot) {
            recorded.insert(*entry.lot);
            for (auto& lot : lots) {
                if (lot.entry->id == *entry.lot) take(lot, wanted);
            }
        }
        if (entry.kind == EntryKind::reverse) {
            // A reversal takes back its own order's points first.
            for (auto& lot : lots) {
                if (lot.entry->order == entry.order && lot.valid_at(entry.at)) take(lot, wanted);
            }
        }
        for (auto& lot : lots) {
            if (lot.valid_at(entry.at)) take(lot, wanted);
        }
        owed += wanted;
    }
    std::vector<DueExpiry> due;
    for (const auto& lot : lots) {
        const Timestamp expires = lot.entry->expires_at;
        if (lot.left > 0 && expires != Timestamp{} && expires <= as_of &&
            !recorded.contains(lot.entry->id)) {
            due.push_back({lot.entry->customer, lot.entry->id, lot.left, expires});
        }
    }
    std::sort(due.begin(), due.end(),
              [](const DueExpiry& a, const DueExpiry& b) { return a.lot < b.lot; });
    return due;
}

namespace {

Entry expiry_entry(const Programme& programme, const DueExpiry& due) {
    Entry entry;
    entry.programme = programme.id;
    entry.customer = due.customer;
    entry.kind = EntryKind::expire;
    entry.cause = "lot:" + std::to_string(due.lot);
    entry.points = -due.points;
    entry.at = due.at;
    entry.rule = "expiry";
    entry.lot = due.lot;
    return entry;
}

}  // namespace

std::vector<DueExpiry> expire(Database& db, const Programme& programme, Timestamp as_of,
                              std::optional<CustomerId> customer, bool dry_run) {
    Transaction tx(db);
    Ledger ledger(db);
    // One read for everyone: the entries come grouped by customer, each group replayed alone.
    const std::vector<Entry> history = customer
                                           ? ledger.entries(programme.id, *customer)
                                           : ledger.entries_with_lapsed_lots(programme.id, as_of);
    std::vector<DueExpiry> expired;
    std::vector<Entry> entries;
    for (auto first = history.begin(); first != history.end();) {
        const auto last = std::find_if(
            first, history.end(), [&](const Entry& e) { return e.customer != first->customer; });
        for (const auto& due : due_expiries(std::span(first, last), as_of)) {
            expired.push_back(due);
            entries.push_back(expiry_entry(programme, due));
        }
        first = last;
    }
    if (!dry_run) {
        ledger.append(entries);
        tx.commit();
    }
    return expired;
}

}  // namespace moshtari::loyalty
