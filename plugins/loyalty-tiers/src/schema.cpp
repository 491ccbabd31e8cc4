#include "schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "moshtari/database.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::tiers {

std::vector<Migration> migrations() {
    return {{1, "tier standings, their history, the configured tiers and the benefits view", R"sql(
-- Each customer's standing per programme: one row from their first evaluation on.
CREATE TABLE loyalty_tiers_members (
    programme TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    tier TEXT NOT NULL,             -- '' when they reach no tier
    since INTEGER NOT NULL,         -- when they entered it
    qualifying INTEGER NOT NULL,    -- spend (minor units) or points at the last evaluation
    evaluated_at INTEGER NOT NULL,  -- the time that evaluation was as of
    grace_ends_at INTEGER,          -- set while they are below their tier: demoted from then on
    PRIMARY KEY (programme, customer_id)
);
CREATE INDEX loyalty_tiers_members_by_customer ON loyalty_tiers_members (customer_id);

-- Every change of tier, with what caused it.
CREATE TABLE loyalty_tiers_history (
    id INTEGER PRIMARY KEY,
    programme TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    from_tier TEXT NOT NULL,
    to_tier TEXT NOT NULL,
    at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    qualifying INTEGER NOT NULL
);
CREATE INDEX loyalty_tiers_history_by_customer ON loyalty_tiers_history (customer_id, id);

-- The configured tiers, rewritten when moshtari.yaml changes them.
CREATE TABLE loyalty_tiers_catalogue (
    programme TEXT NOT NULL,
    tier TEXT NOT NULL,
    rank INTEGER NOT NULL,
    name TEXT NOT NULL,
    threshold INTEGER NOT NULL,
    earn_multiplier TEXT NOT NULL,
    discount_percent TEXT NOT NULL,
    free_shipping INTEGER NOT NULL,
    priority_support INTEGER NOT NULL,
    delivery_days INTEGER,
    extra TEXT NOT NULL,
    PRIMARY KEY (programme, tier)
);

-- The stable interface: each customer's current tier and its benefits, one row per programme they
-- hold a tier in. A customer in grace keeps their tier's benefits until the demotion.
CREATE VIEW loyalty_tiers_current_benefits AS
SELECT m.customer_id, m.programme, m.tier, c.earn_multiplier, c.discount_percent, c.free_shipping,
       c.priority_support, c.delivery_days, c.extra
FROM loyalty_tiers_members m
JOIN loyalty_tiers_catalogue c ON c.programme = m.programme AND c.tier = m.tier;
)sql"}};
}

namespace {

constexpr const char* kCatalogueRows = R"sql(
SELECT COALESCE(json_group_array(json_array(programme, tier, rank, name, threshold, earn_multiplier,
                                            discount_percent, free_shipping, priority_support,
                                            delivery_days, extra)), '[]')
FROM (SELECT * FROM loyalty_tiers_catalogue ORDER BY programme, rank)
)sql";

nlohmann::json configured_rows(const Settings& settings) {
    std::vector<const Programme*> sorted;
    for (const auto& p : settings.programmes) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
    nlohmann::json rows = nlohmann::json::array();
    for (const Programme* p : sorted) {
        for (std::size_t rank = 0; rank < p->tiers.size(); ++rank) {
            const Tier& t = p->tiers[rank];
            const Benefits& b = t.benefits;
            rows.push_back({p->id, t.id, rank, t.name, t.threshold, b.earn_multiplier,
                            b.discount_percent, b.free_shipping ? 1 : 0, b.priority_support ? 1 : 0,
                            b.delivery_days ? nlohmann::json(*b.delivery_days) : nullptr,
                            b.extra.dump()});
        }
    }
    return rows;
}

}  // namespace

void sync_catalogue(Database& db, const Settings& settings) {
    const nlohmann::json wanted = configured_rows(settings);
    if (nlohmann::json::parse(db.sql().execAndGet(kCatalogueRows).getString()) == wanted) return;
    Transaction tx(db);
    db.sql().exec("DELETE FROM loyalty_tiers_catalogue");
    SQLite::Statement insert(db.sql(), R"sql(
INSERT INTO loyalty_tiers_catalogue
SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
       value ->> 7, value ->> 8, value ->> 9, value ->> 10
FROM json_each(?1)
)sql");
    insert.bind(1, wanted.dump());
    insert.exec();
    tx.commit();
}

}  // namespace moshtari::tiers
