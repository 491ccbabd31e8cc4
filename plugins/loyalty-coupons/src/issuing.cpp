#include "issuing.hpp"

#include <fmt/format.h>

#include "coupon_code.hpp"
#include "coupon_events.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::coupons {

namespace {

constexpr std::size_t kPage = 500;

void check_issuable(const Campaign& campaign, Timestamp at) {
    if (campaign.shared()) {
        throw UserError(fmt::format(
            "campaign '{}' has the shared code {}; tell customers that code instead of issuing "
            "one, or configure the campaign without 'code' to generate codes",
            campaign.id, campaign.shared_code));
    }
    if (campaign.valid_until != Timestamp{} && campaign.valid_until <= at) {
        throw UserError(fmt::format("campaign '{}' ended at {}; nothing was issued", campaign.id,
                                    format_time(campaign.valid_until)));
    }
}

// Draws codes until one is free: a clash is astronomically rare, but the UNIQUE index decides.
Coupon add_code(Workspace& workspace, const Settings& settings, Coupon coupon) {
    CouponStore store(workspace.database());
    for (;;) {
        coupon.code = generate_code(settings.code_length);
        if (settings.by_shared_code(coupon.code)) continue;
        if (const auto id = store.insert(coupon)) {
            coupon.id = *id;
            break;
        }
    }
    workspace.event_log().append(
        events::CouponIssued{coupon.id, coupon.campaign, coupon.customer.value_or(0)},
        coupon.issued_at);
    return coupon;
}

std::vector<CustomerId> audience_ids(Workspace& workspace, const Audience& audience) {
    if (audience.customer) return {workspace.customers().get(*audience.customer).id};
    if (audience.tag.empty() && audience.stage.empty()) {
        throw UserError("say whom to issue to: --customer ID, --tag TAG or --stage STAGE");
    }
    std::vector<CustomerId> ids;
    CustomerQuery query;
    query.tag = audience.tag;
    query.lifecycle_stage = audience.stage;
    query.limit = kPage;
    for (;;) {
        const auto page = workspace.customers().list(query);
        for (const auto& customer : page) ids.push_back(customer.id);
        if (page.size() < kPage) break;
        query.offset += kPage;
    }
    return ids;
}

}  // namespace

std::vector<Issued> issue(Workspace& workspace, const Settings& settings, const Campaign& campaign,
                          const Audience& audience, const std::string& by, Timestamp at) {
    check_issuable(campaign, at);
    Transaction tx(workspace.database());
    CouponStore store(workspace.database());
    std::vector<Issued> issued;
    for (const CustomerId customer : audience_ids(workspace, audience)) {
        if (auto existing = store.issued_to(campaign.id, customer)) {
            issued.push_back({*existing, false});
            continue;
        }
        issued.push_back(
            {add_code(workspace, settings, Coupon{0, campaign.id, "", customer, true, at, by}),
             true});
    }
    tx.commit();
    return issued;
}

std::vector<Coupon> create_codes(Workspace& workspace, const Settings& settings,
                                 const Campaign& campaign, std::size_t count, const std::string& by,
                                 Timestamp at) {
    check_issuable(campaign, at);
    Transaction tx(workspace.database());
    std::vector<Coupon> created;
    for (std::size_t i = 0; i < count; ++i) {
        created.push_back(
            add_code(workspace, settings, Coupon{0, campaign.id, "", std::nullopt, false, at, by}));
    }
    tx.commit();
    return created;
}

}  // namespace moshtari::coupons
