#pragma once
// The real loyalty-draws plugin loaded by the real host on a temporary SQLite file, with the steps
// the tests repeat: customers, orders, referrals, a worker pass, draws and their entries.

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>
#include <vector>

#include "draw_store.hpp"
#include "lifecycle.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "settings.hpp"

namespace moshtari::draws::testing {

// An entry for an order of at least 20.00 EUR, one per 10.00 up to 3; two for a referral; staff
// cannot win.
inline constexpr const char* kRules = R"yaml(
loyalty-draws:
  orders:
    currency: EUR
    minimum: "20.00"
    per_amount: "10.00"
    max_per_order: 3
  referrals:
    kind: referral
    entries: 2
  exclude:
    tags: [staff]
)yaml";

inline Timestamp at(const char* text) {
    return *parse_time(text);
}

// The window the tests' draws take entries in: October 2026.
inline const Timestamp kFrom = at("2026-10-01");
inline const Timestamp kTo = at("2026-11-01");

class DrawsTest : public ::testing::Test {
  protected:
    explicit DrawsTest(std::string yaml = kRules,
                       std::vector<std::string> plugins = {"loyalty-draws"})
        : yaml_(std::move(yaml)), plugins_(std::move(plugins)) {
        open();
    }

    void open() {
        ws_ = std::make_unique<moshtari::testing::TestWorkspace>(
            std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR}, yaml_, plugins_);
        settings_ =
            read_settings(ConfigSection::read_file(ws_->config_file()).child("loyalty-draws"));
    }

    Workspace& w() { return ws_->workspace(); }
    Database& db() { return w().database(); }

    CustomerId add_customer(const std::string& name, std::vector<std::string> tags = {}) {
        Customer c;
        c.name = name;
        c.tags = std::move(tags);
        return w().customers().create(c);
    }

    OrderId place_order(std::optional<CustomerId> customer, std::int64_t total_minor,
                        Timestamp when, const std::string& currency = "EUR") {
        Order o;
        o.customer_id = customer;
        o.total = Money{total_minor, currency};
        o.at = when;
        return w().orders().add(o);
    }

    InteractionId log(CustomerId customer, const std::string& kind, Timestamp when) {
        Interaction i;
        i.customer_id = customer;
        i.channel = "in-person";
        i.kind = kind;
        i.at = when;
        return w().interactions().log(i);
    }

    void run_worker() { w().run_worker_pass(now()); }

    Draw create(const std::string& name, std::int64_t winners = 1,
                std::vector<std::string> prizes = {}) {
        return create_draw(w(), settings_, {name, kFrom, kTo, winners, std::move(prizes), "test"},
                           now());
    }

    // Tickets per customer in the draw, from its current entries.
    std::map<CustomerId, std::int64_t> tickets(const std::string& draw) {
        std::map<CustomerId, std::int64_t> by_customer;
        for (const auto& e : DrawStore(db()).listed(DrawStore(db()).get(draw).id))
            by_customer[e.customer] += e.count;
        return by_customer;
    }

    std::int64_t count(const std::string& table, const std::string& where = "1") {
        return db()
            .sql()
            .execAndGet("SELECT COUNT(*) FROM " + table + " WHERE " + where)
            .getInt64();
    }

    std::string yaml_;
    std::vector<std::string> plugins_;
    std::unique_ptr<moshtari::testing::TestWorkspace> ws_;
    Settings settings_;
};

}  // namespace moshtari::draws::testing
