#include "redemption.hpp"

#include <fmt/format.h>

#include <numeric>

#include "coupon_code.hpp"
#include "coupon_events.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::coupons {

namespace {

std::string money(std::int64_t minor, const std::string& currency) {
    return format_money(Money{minor, currency});
}

// Finds the code: a campaign's shared code first, then the generated ones.
void resolve(const Settings& settings, const CouponStore& store, Verdict& verdict) {
    if ((verdict.campaign = settings.by_shared_code(verdict.code))) return;
    verdict.coupon = store.find_code(verdict.code);
    if (!verdict.coupon) {
        verdict.reason = fmt::format("no coupon has the code {}; check it for typos",
                                     settings.shown(verdict.code));
        return;
    }
    verdict.campaign = settings.find(verdict.coupon->campaign);
    if (!verdict.campaign) {
        verdict.reason =
            fmt::format("the code belongs to campaign '{}', which is no longer configured",
                        verdict.coupon->campaign);
    }
}

// Why the campaign's terms rule the code out on this order at `at`; empty when they do not.
std::string against_terms(const Campaign& c, const std::optional<Coupon>& coupon,
                          const Order& order, Timestamp at) {
    if (order.cancelled) return fmt::format("order #{} is cancelled", order.id);
    if (order.total.minor_units > 0 && order.refunded_minor >= order.total.minor_units) {
        return fmt::format("order #{} is fully refunded", order.id);
    }
    if (order.total.currency != c.currency) {
        return fmt::format("campaign '{}' is in {} and order #{} in {}", c.id, c.currency, order.id,
                           order.total.currency);
    }
    if (c.valid_from != Timestamp{} && at < c.valid_from) {
        return fmt::format("not yet valid: campaign '{}' starts at {}", c.id,
                           format_time(c.valid_from));
    }
    const Timestamp end = c.expiry_of(coupon ? coupon->issued_at : Timestamp{});
    if (end != Timestamp{} && at >= end) return fmt::format("expired at {}", format_time(end));
    if (coupon && coupon->personal &&
        (!coupon->customer || coupon->customer != order.customer_id)) {
        return fmt::format(
            "not this customer's code: it was issued to another customer than "
            "order #{}'s",
            order.id);
    }
    if (order.total.minor_units < c.minimum_minor) {
        return fmt::format("below minimum: order #{} totals {}, campaign '{}' needs at least {}",
                           order.id, format_money(order.total), c.id,
                           money(c.minimum_minor, c.currency));
    }
    return {};
}

// Why the uses already recorded rule the code out; empty when they do not.
std::string against_uses(const Campaign& c, const std::string& code, const Order& order,
                         const CouponStore& store) {
    const auto used = store.uses_of_code(code);
    if (c.uses_per_code > 0 && used >= c.uses_per_code) {
        return fmt::format("used up: the code was used {} of {} times", used, c.uses_per_code);
    }
    const auto campaign_uses = store.uses_of_campaign(c.id);
    if (c.total_uses > 0 && campaign_uses >= c.total_uses) {
        return fmt::format("used up: campaign '{}' reached its {} uses", c.id, c.total_uses);
    }
    if (c.uses_per_customer == 0) return {};
    if (!order.customer_id) {
        return fmt::format(
            "order #{} is a guest order, and campaign '{}' limits uses per customer; add the "
            "order under a customer",
            order.id, c.id);
    }
    const auto by_customer = store.uses_by(c.id, *order.customer_id);
    if (by_customer >= c.uses_per_customer) {
        return fmt::format(
            "limit per customer reached: customer #{} used campaign '{}' {} of {} "
            "times",
            *order.customer_id, c.id, by_customer, c.uses_per_customer);
    }
    return {};
}

// Why the coupons already on the order rule the code out; empty when they do not.
std::string against_order(const Settings& settings, const Campaign& c, const std::string& code,
                          const Order& order, const std::vector<Redemption>& standing) {
    for (const auto& other : standing) {
        if (other.code == code) return fmt::format("already redeemed on order #{}", order.id);
    }
    for (const auto& other : standing) {
        if (!c.stackable && !other.stackable) {
            return fmt::format(
                "cannot stack with coupon {} on order #{}: an order carries at most one "
                "non-stackable coupon",
                settings.shown(other.code), order.id);
        }
    }
    return {};
}

}  // namespace

Verdict check(Workspace& workspace, const Settings& settings, std::string_view typed,
              OrderId order_id, Timestamp at) {
    const CouponStore store(workspace.database());
    Verdict verdict;
    verdict.code = canonical_code(typed);
    resolve(settings, store, verdict);
    if (!verdict.valid()) return verdict;
    const Campaign& c = *verdict.campaign;
    const Order order = workspace.orders().get(order_id);
    verdict.customer = order.customer_id;
    const auto standing = store.standing_on(order.id);
    verdict.reason = against_terms(c, verdict.coupon, order, at);
    if (verdict.reason.empty())
        verdict.reason = against_order(settings, c, verdict.code, order, standing);
    if (verdict.reason.empty()) verdict.reason = against_uses(c, verdict.code, order, store);
    if (!verdict.valid()) return verdict;
    const auto discounted = std::accumulate(
        standing.begin(), standing.end(), std::int64_t{0},
        [](std::int64_t sum, const Redemption& r) { return sum + r.discount_minor; });
    verdict.discount_minor = c.discount(order.total.minor_units, discounted);
    if (verdict.discount_minor == 0) {
        verdict.reason = fmt::format("order #{} is already fully discounted", order.id);
    }
    return verdict;
}

Redemption redeem(Workspace& workspace, const Settings& settings, std::string_view typed,
                  OrderId order, Timestamp at) {
    // BEGIN IMMEDIATE: the write lock is held from the check to the commit, so a second process
    // checks only after this one's redemption is in.
    Transaction tx(workspace.database());
    const Verdict verdict = check(workspace, settings, typed, order, at);
    if (!verdict.valid()) {
        throw UserError(
            fmt::format("coupon {} cannot be used on order #{}: {}; nothing was redeemed",
                        settings.shown(verdict.code), order, verdict.reason));
    }
    const Campaign& c = *verdict.campaign;
    Redemption r;
    r.campaign = c.id;
    if (verdict.coupon) r.coupon = verdict.coupon->id;
    r.code = verdict.code;
    r.customer = verdict.customer;
    r.order = order;
    r.discount_minor = verdict.discount_minor;
    r.currency = c.currency;
    r.stackable = c.stackable;
    r.at = at;
    CouponStore store(workspace.database());
    r.id = store.insert(r);
    workspace.event_log().append(
        events::CouponRedeemed{r.id, r.campaign, r.coupon.value_or(0), r.customer.value_or(0),
                               r.order, r.discount_minor, r.currency},
        at);
    tx.commit();
    return r;
}

void release_order(Workspace& workspace, OrderId order, Timestamp at) {
    Transaction tx(workspace.database());
    for (const auto& r : CouponStore(workspace.database()).release(order, at)) {
        workspace.event_log().append(
            events::CouponReleased{r.id, r.campaign, r.customer.value_or(0), r.order}, at);
    }
    tx.commit();
}

}  // namespace moshtari::coupons
