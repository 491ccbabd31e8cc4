#include "personal_data.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "coupon_store.hpp"
#include "moshtari/config.hpp"
#include "moshtari/database.hpp"
#include "moshtari/workspace.hpp"
#include "settings.hpp"

namespace moshtari::coupons {

namespace {

nlohmann::json export_data(Database& db, const Settings& settings, CustomerId customer) {
    const CouponStore store(db);
    nlohmann::json coupons = nlohmann::json::array();
    for (const auto& c : store.coupons_of(customer)) {
        coupons.push_back({{"campaign", c.campaign},
                           {"code", settings.shown(c.code)},
                           {"issued_at", format_time(c.issued_at)},
                           {"by", c.by}});
    }
    nlohmann::json redemptions = nlohmann::json::array();
    for (const auto& r : store.redemptions_of(customer)) {
        redemptions.push_back(
            {{"campaign", r.campaign},
             {"code", settings.shown(r.code)},
             {"order", r.order},
             {"discount", format_money(Money{r.discount_minor, r.currency})},
             {"redeemed_at", format_time(r.at)},
             {"released_at", r.released_at ? nlohmann::json(format_time(*r.released_at))
                                           : nlohmann::json(nullptr)}});
    }
    return {{"coupons", coupons}, {"redemptions", redemptions}};
}

void run(Database& db, const char* sql, CustomerId first, CustomerId second = 0) {
    SQLite::Statement statement(db.sql(), sql);
    statement.bind(1, static_cast<int64_t>(first));
    if (second != 0) statement.bind(2, static_cast<int64_t>(second));
    statement.exec();
}

void erase(Database& db, CustomerId customer, bool keep_orders) {
    // A code nobody used goes; the redemptions of kept orders stay in the figures without the
    // customer, and their codes stay personal, so nobody else can use them.
    run(db,
        "DELETE FROM loyalty_coupons_codes WHERE customer_id = ?1 AND id NOT IN (SELECT coupon_id "
        "FROM loyalty_coupons_redemptions WHERE coupon_id IS NOT NULL)",
        customer);
    if (keep_orders) {
        run(db, "UPDATE loyalty_coupons_redemptions SET customer_id = NULL WHERE customer_id = ?1",
            customer);
        run(db, "UPDATE loyalty_coupons_codes SET customer_id = NULL WHERE customer_id = ?1",
            customer);
        return;
    }
    run(db,
        "DELETE FROM loyalty_coupons_redemptions WHERE customer_id = ?1 OR coupon_id IN (SELECT id "
        "FROM loyalty_coupons_codes WHERE customer_id = ?1)",
        customer);
    run(db, "DELETE FROM loyalty_coupons_codes WHERE customer_id = ?1", customer);
}

}  // namespace

PersonalDataHandler personal_data_handler(Workspace& workspace, const Settings& settings) {
    return {"loyalty-coupons",
            [&workspace, &settings](CustomerId id) {
                return export_data(workspace.database(), settings, id);
            },
            [&workspace](CustomerId id) {
                erase(workspace.database(), id, workspace.config().privacy().keep_orders);
            },
            [&workspace](CustomerId survivor, CustomerId merged) {
                // Both keep their codes: the survivor may hold two of one campaign, and the limit
                // per customer counts the redemptions of both from now on.
                for (const char* sql :
                     {"UPDATE loyalty_coupons_codes SET customer_id = ?1 WHERE customer_id = ?2",
                      "UPDATE loyalty_coupons_redemptions SET customer_id = ?1 WHERE customer_id "
                      "= ?2"}) {
                    run(workspace.database(), sql, survivor, merged);
                }
            }};
}

}  // namespace moshtari::coupons
