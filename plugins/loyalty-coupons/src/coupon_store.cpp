#include "coupon_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"

namespace moshtari::coupons {

std::vector<Migration> migrations() {
    return {{1, "coupon codes and redemptions", R"sql(
CREATE TABLE loyalty_coupons_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,  -- canonical: upper case, no dashes
    customer_id INTEGER,        -- NULL for a code created for anyone, or once its customer is erased
    personal INTEGER NOT NULL CHECK (personal IN (0, 1)),
    issued_at INTEGER NOT NULL,
    by_user TEXT NOT NULL DEFAULT ''
);
CREATE INDEX loyalty_coupons_codes_by_customer ON loyalty_coupons_codes (customer_id, campaign)
    WHERE customer_id IS NOT NULL;
CREATE INDEX loyalty_coupons_codes_by_campaign ON loyalty_coupons_codes (campaign, id);
CREATE TABLE loyalty_coupons_redemptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign TEXT NOT NULL,
    coupon_id INTEGER REFERENCES loyalty_coupons_codes (id),  -- NULL for a shared code
    code TEXT NOT NULL,
    customer_id INTEGER,
    order_id INTEGER NOT NULL,
    discount_minor INTEGER NOT NULL CHECK (discount_minor >= 0),
    currency TEXT NOT NULL,
    stackable INTEGER NOT NULL CHECK (stackable IN (0, 1)),
    redeemed_at INTEGER NOT NULL,
    released_at INTEGER
);
CREATE UNIQUE INDEX loyalty_coupons_redemptions_once_per_order
    ON loyalty_coupons_redemptions (order_id, code) WHERE released_at IS NULL;
CREATE INDEX loyalty_coupons_redemptions_by_code ON loyalty_coupons_redemptions (code);
CREATE INDEX loyalty_coupons_redemptions_by_campaign
    ON loyalty_coupons_redemptions (campaign, customer_id);
)sql"}};
}

namespace {

constexpr const char* kCouponColumns =
    "SELECT id, campaign, code, customer_id, personal, issued_at, by_user FROM "
    "loyalty_coupons_codes ";
constexpr const char* kRedemptionColumns =
    "SELECT id, campaign, coupon_id, code, customer_id, order_id, discount_minor, currency, "
    "stackable, redeemed_at, released_at FROM loyalty_coupons_redemptions ";

template <class T>
std::optional<T> optional_column(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return T{column.getInt64()};
}

Coupon coupon_row(SQLite::Statement& q) {
    return Coupon{q.getColumn(0).getInt64(),    q.getColumn(1).getString(),
                  q.getColumn(2).getString(),   optional_column<CustomerId>(q.getColumn(3)),
                  q.getColumn(4).getInt() != 0, from_unix(q.getColumn(5).getInt64()),
                  q.getColumn(6).getString()};
}

Redemption redemption_row(SQLite::Statement& q) {
    Redemption r{q.getColumn(0).getInt64(),
                 q.getColumn(1).getString(),
                 optional_column<std::int64_t>(q.getColumn(2)),
                 q.getColumn(3).getString(),
                 optional_column<CustomerId>(q.getColumn(4)),
                 q.getColumn(5).getInt64(),
                 q.getColumn(6).getInt64(),
                 q.getColumn(7).getString(),
                 q.getColumn(8).getInt() != 0,
                 from_unix(q.getColumn(9).getInt64()),
                 std::nullopt};
    if (!q.getColumn(10).isNull()) r.released_at = from_unix(q.getColumn(10).getInt64());
    return r;
}

template <class Row, class Bind>
std::vector<Row> rows(Database& db, const std::string& sql, Bind bind,
                      Row (*read)(SQLite::Statement&)) {
    SQLite::Statement q(db.sql(), sql);
    bind(q);
    std::vector<Row> result;
    while (q.executeStep()) result.push_back(read(q));
    return result;
}

template <class Bind>
std::int64_t count(Database& db, const char* sql, Bind bind) {
    SQLite::Statement q(db.sql(), sql);
    bind(q);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& value) {
    if (value) {
        q.bind(index, static_cast<int64_t>(*value));
    } else {
        q.bind(index);
    }
}

}  // namespace

std::optional<Coupon> CouponStore::find_code(std::string_view canonical) const {
    auto found = rows<Coupon>(
        db_, std::string(kCouponColumns) + "WHERE code = ?",
        [&](SQLite::Statement& q) { q.bind(1, std::string(canonical)); }, coupon_row);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<Coupon> CouponStore::issued_to(std::string_view campaign, CustomerId customer) const {
    auto found = rows<Coupon>(
        db_,
        std::string(kCouponColumns) + "WHERE campaign = ? AND customer_id = ? ORDER BY id LIMIT 1",
        [&](SQLite::Statement& q) {
            q.bind(1, std::string(campaign));
            q.bind(2, static_cast<int64_t>(customer));
        },
        coupon_row);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<std::int64_t> CouponStore::insert(const Coupon& coupon) {
    SQLite::Statement q(db_.sql(), R"sql(
INSERT INTO loyalty_coupons_codes (campaign, code, customer_id, personal, issued_at, by_user)
VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING
)sql");
    q.bind(1, coupon.campaign);
    q.bind(2, coupon.code);
    bind_optional(q, 3, coupon.customer);
    q.bind(4, coupon.personal ? 1 : 0);
    q.bind(5, static_cast<int64_t>(to_unix(coupon.issued_at)));
    q.bind(6, coupon.by);
    if (q.exec() == 0) return std::nullopt;
    return db_.sql().getLastInsertRowid();
}

std::vector<Coupon> CouponStore::coupons_of(CustomerId customer) const {
    return rows<Coupon>(
        db_, std::string(kCouponColumns) + "WHERE customer_id = ? ORDER BY id",
        [&](SQLite::Statement& q) { q.bind(1, static_cast<int64_t>(customer)); }, coupon_row);
}

std::vector<Redemption> CouponStore::standing_on(OrderId order) const {
    return rows<Redemption>(
        db_,
        std::string(kRedemptionColumns) + "WHERE order_id = ? AND released_at IS NULL ORDER BY id",
        [&](SQLite::Statement& q) { q.bind(1, static_cast<int64_t>(order)); }, redemption_row);
}

std::int64_t CouponStore::uses_of_code(std::string_view canonical) const {
    return count(db_,
                 "SELECT COUNT(*) FROM loyalty_coupons_redemptions WHERE code = ? AND released_at "
                 "IS NULL",
                 [&](SQLite::Statement& q) { q.bind(1, std::string(canonical)); });
}

std::int64_t CouponStore::uses_by(std::string_view campaign, CustomerId customer) const {
    return count(db_,
                 "SELECT COUNT(*) FROM loyalty_coupons_redemptions WHERE campaign = ? AND "
                 "customer_id = ? AND released_at IS NULL",
                 [&](SQLite::Statement& q) {
                     q.bind(1, std::string(campaign));
                     q.bind(2, static_cast<int64_t>(customer));
                 });
}

std::int64_t CouponStore::uses_of_campaign(std::string_view campaign) const {
    return count(db_,
                 "SELECT COUNT(*) FROM loyalty_coupons_redemptions WHERE campaign = ? AND "
                 "released_at IS NULL",
                 [&](SQLite::Statement& q) { q.bind(1, std::string(campaign)); });
}

std::int64_t CouponStore::insert(const Redemption& r) {
    SQLite::Statement q(db_.sql(), R"sql(
INSERT INTO loyalty_coupons_redemptions
    (campaign, coupon_id, code, customer_id, order_id, discount_minor, currency, stackable, redeemed_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
    q.bind(1, r.campaign);
    bind_optional(q, 2, r.coupon);
    q.bind(3, r.code);
    bind_optional(q, 4, r.customer);
    q.bind(5, static_cast<int64_t>(r.order));
    q.bind(6, static_cast<int64_t>(r.discount_minor));
    q.bind(7, r.currency);
    q.bind(8, r.stackable ? 1 : 0);
    q.bind(9, static_cast<int64_t>(to_unix(r.at)));
    q.exec();
    return db_.sql().getLastInsertRowid();
}

std::vector<Redemption> CouponStore::release(OrderId order, Timestamp at) {
    auto released = standing_on(order);
    SQLite::Statement q(db_.sql(),
                        "UPDATE loyalty_coupons_redemptions SET released_at = ? WHERE order_id = ? "
                        "AND released_at IS NULL");
    q.bind(1, static_cast<int64_t>(to_unix(at)));
    q.bind(2, static_cast<int64_t>(order));
    q.exec();
    for (auto& r : released) r.released_at = at;
    return released;
}

std::vector<Redemption> CouponStore::redemptions_of(CustomerId customer) const {
    return rows<Redemption>(
        db_, std::string(kRedemptionColumns) + "WHERE customer_id = ? ORDER BY id",
        [&](SQLite::Statement& q) { q.bind(1, static_cast<int64_t>(customer)); }, redemption_row);
}

}  // namespace moshtari::coupons
