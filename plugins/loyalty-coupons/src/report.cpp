#include "report.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>

#include "moshtari/database.hpp"

namespace moshtari::coupons {

namespace {

struct Counts {
    std::int64_t issued = 0;
    std::int64_t created = 0;
    std::int64_t redeemed = 0;
    std::int64_t discount_minor = 0;
    std::string currency{};
    std::int64_t released = 0;
};

std::map<std::string, Counts> counts(Database& db) {
    std::map<std::string, Counts> result;
    SQLite::Statement codes(db.sql(),
                            "SELECT campaign, SUM(personal), SUM(1 - personal) FROM "
                            "loyalty_coupons_codes GROUP BY campaign");
    while (codes.executeStep()) {
        auto& c = result[codes.getColumn(0).getString()];
        c.issued = codes.getColumn(1).getInt64();
        c.created = codes.getColumn(2).getInt64();
    }
    SQLite::Statement uses(db.sql(), R"sql(
SELECT campaign, SUM(released_at IS NULL), SUM(CASE WHEN released_at IS NULL THEN discount_minor ELSE 0 END),
       MAX(currency), SUM(released_at IS NOT NULL)
FROM loyalty_coupons_redemptions GROUP BY campaign
)sql");
    while (uses.executeStep()) {
        auto& c = result[uses.getColumn(0).getString()];
        c.redeemed = uses.getColumn(1).getInt64();
        c.discount_minor = uses.getColumn(2).getInt64();
        c.currency = uses.getColumn(3).getString();
        c.released = uses.getColumn(4).getInt64();
    }
    return result;
}

// Codes with no redemption standing whose time ran out by `at`.
std::int64_t expired_unredeemed(Database& db, const Campaign& campaign, Timestamp at) {
    SQLite::Statement q(db.sql(), R"sql(
SELECT issued_at FROM loyalty_coupons_codes c
WHERE campaign = ? AND NOT EXISTS (
    SELECT 1 FROM loyalty_coupons_redemptions r WHERE r.coupon_id = c.id AND r.released_at IS NULL)
)sql");
    q.bind(1, campaign.id);
    std::int64_t expired = 0;
    while (q.executeStep()) {
        const Timestamp end = campaign.expiry_of(from_unix(q.getColumn(0).getInt64()));
        if (end != Timestamp{} && end <= at) ++expired;
    }
    return expired;
}

CampaignFigures figures(const std::string& id, const Counts& c) {
    return CampaignFigures{id,         "(no longer configured)", c.issued,   c.created,
                           c.redeemed, c.discount_minor,         c.currency, c.released,
                           0};
}

}  // namespace

std::vector<CampaignFigures> report(Database& db, const Settings& settings, Timestamp at) {
    auto all = counts(db);
    std::vector<CampaignFigures> result;
    for (const auto& campaign : settings.campaigns) {
        CampaignFigures f = figures(campaign.id, all[campaign.id]);
        f.terms = campaign.describe();
        f.currency = campaign.currency;
        f.expired_unredeemed = expired_unredeemed(db, campaign, at);
        result.push_back(f);
        all.erase(campaign.id);
    }
    for (const auto& [id, c] : all) result.push_back(figures(id, c));
    return result;
}

}  // namespace moshtari::coupons
