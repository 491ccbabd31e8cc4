#include "account.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "expiry.hpp"
#include "moshtari/error.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::loyalty {

namespace {

// A cause used before is the user's error: the same reference twice is a retry, not a new one.
void refuse_repeat(const Ledger& ledger, const Entry& entry, std::string_view what) {
    if (const auto existing = ledger.find(entry.programme, entry.kind, entry.cause)) {
        throw UserError(fmt::format(
            "{} was already recorded as ledger entry #{} ({} points at {}); nothing was written. "
            "Use a new reference for a new one",
            what, existing->id, existing->points, format_time(existing->at)));
    }
}

// Appends `entry`, checked by refuse_repeat, and returns it with its id.
Entry append_one(Ledger& ledger, Entry entry) {
    ledger.append({entry});
    entry.id = ledger.find(entry.programme, entry.kind, entry.cause)->id;
    return entry;
}

void require_reference(const std::string& reference, std::string_view option) {
    if (reference.empty() || reference.find_first_of(" \t\n") != std::string::npos) {
        throw UserError(fmt::format(
            "{} must name what this is for, without spaces (an order number, a review id)",
            option));
    }
}

}  // namespace

std::int64_t points_for(const Programme& programme, const Money& amount) {
    if (amount.currency != programme.redeem_value.currency) {
        throw UserError(fmt::format("programme '{}' pays in {}, not {}", programme.id,
                                    programme.redeem_value.currency, amount.currency));
    }
    const Wide numerator = static_cast<Wide>(amount.minor_units) * programme.redeem_points;
    const Wide denominator = programme.redeem_value.minor_units;
    return static_cast<std::int64_t>((numerator + denominator - 1) / denominator);
}

Entry redeem(Database& db, const Programme& programme, const Redemption& redemption) {
    require_reference(redemption.reference, "--reference");
    if (redemption.points < programme.minimum_redemption) {
        throw UserError(fmt::format("programme '{}' redeems at least {} points; {} asked",
                                    programme.id, programme.minimum_redemption, redemption.points));
    }
    // What lapsed by then goes first, in its own transaction: it stays gone even when the
    // redemption is refused.
    expire(db, programme, redemption.at, redemption.customer, false);
    Transaction tx(db);  // BEGIN IMMEDIATE: a second redeemer waits here, then sees our entry
    Ledger ledger(db);
    Entry entry;
    entry.programme = programme.id;
    entry.customer = redemption.customer;
    entry.kind = EntryKind::redeem;
    entry.cause = redemption.reference;
    entry.points = -redemption.points;
    entry.at = redemption.at;
    entry.rule = "redemption";
    entry.by = redemption.by;
    refuse_repeat(ledger, entry, fmt::format("redemption '{}'", entry.cause));
    expire(db, programme, redemption.at, redemption.customer, false);  // anything since, inside
    const std::int64_t balance = ledger.balance(programme.id, redemption.customer);
    if (balance < redemption.points) {
        throw UserError(fmt::format(
            "customer #{} has {} points in '{}', {} short of the {} asked; nothing was redeemed",
            redemption.customer, balance, programme.id, redemption.points - balance,
            redemption.points));
    }
    entry = append_one(ledger, entry);
    tx.commit();
    return entry;
}

Entry adjust(Database& db, const Programme& programme, const Adjustment& adjustment) {
    require_reference(adjustment.reference, "--reference");
    if (adjustment.points == 0) throw UserError("--points must not be 0");
    if (adjustment.reason.empty()) {
        throw UserError("--reason is required: say why the points change, for the ledger");
    }
    expire(db, programme, adjustment.at, adjustment.customer, false);
    Transaction tx(db);
    Ledger ledger(db);
    Entry entry;
    entry.programme = programme.id;
    entry.customer = adjustment.customer;
    entry.kind = EntryKind::adjust;
    entry.cause = adjustment.reference;
    entry.points = adjustment.points;
    entry.at = adjustment.at;
    entry.rule = "adjustment";
    entry.by = adjustment.by;
    entry.note = adjustment.reason;
    if (entry.points > 0) entry.expires_at = programme.expiry_of(entry.at);
    refuse_repeat(ledger, entry, fmt::format("adjustment '{}'", entry.cause));
    expire(db, programme, adjustment.at, adjustment.customer, false);
    const std::int64_t balance = ledger.balance(programme.id, adjustment.customer);
    if (programme.negative_balance == NegativeBalance::clamp && balance + adjustment.points < 0) {
        throw UserError(
            fmt::format("customer #{} has {} points in '{}'; taking {} would go below zero, which "
                        "negative_balance: clamp forbids. Take at most {}",
                        adjustment.customer, balance, programme.id, -adjustment.points,
                        std::max<std::int64_t>(balance, 0)));
    }
    entry = append_one(ledger, entry);
    tx.commit();
    return entry;
}

Entry award_bonus(Database& db, const Programme& programme, const Bonus& bonus) {
    require_reference(bonus.reference, "--reference");
    const auto found = programme.bonuses.find(bonus.name);
    if (found == programme.bonuses.end()) {
        std::string names;
        for (const auto& [name, points] : programme.bonuses) {
            names += (names.empty() ? "" : ", ") + name;
        }
        throw UserError(fmt::format(
            "programme '{}' has no bonus '{}'{}; add it under bonuses.by_hand in moshtari.yaml",
            programme.id, bonus.name,
            names.empty() ? std::string(" (it has none to award by hand)")
                          : fmt::format(" (it has {})", names)));
    }
    Transaction tx(db);
    Ledger ledger(db);
    Entry entry;
    entry.programme = programme.id;
    entry.customer = bonus.customer;
    entry.kind = EntryKind::earn;
    // Its own namespace, so no bonus name can take the cause of an order or a birthday.
    entry.cause = fmt::format("bonus:{}:{}", bonus.name, bonus.reference);
    entry.points = found->second;
    entry.at = bonus.at;
    entry.rule = bonus.name;
    entry.by = bonus.by;
    entry.expires_at = programme.expiry_of(entry.at);
    refuse_repeat(ledger, entry, fmt::format("the {} bonus for '{}'", bonus.name, bonus.reference));
    entry = append_one(ledger, entry);
    tx.commit();
    return entry;
}

}  // namespace moshtari::loyalty
