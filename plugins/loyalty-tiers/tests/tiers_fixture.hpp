#pragma once
// The real loyalty-tiers plugin loaded by the real host on a temporary SQLite file, with the
// steps the tests repeat: customers, orders, worker passes on given days, standings and events.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "membership.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"
#include "settings.hpp"

namespace moshtari::tiers::testing {

// 'status' by spend in EUR over 365 days, 30 days of grace: bronze from 0, silver from 200.00,
// gold from 500.00.
inline constexpr const char* kStatusProgramme = R"yaml(
loyalty-tiers:
  programmes:
    - id: status
      currency: EUR
      window_days: 365
      grace_days: 30
      tiers:
        - id: bronze
          threshold: 0
        - id: silver
          threshold: "200.00"
          benefits: {earn_multiplier: 1.25, discount_percent: 5, delivery_days: 3}
        - id: gold
          name: Gold
          threshold: "500.00"
          benefits:
            earn_multiplier: 1.5
            discount_percent: 10
            free_shipping: true
            priority_support: true
            delivery_days: 1
            extra: {lounge: "yes"}
)yaml";

class TiersTest : public ::testing::Test {
  protected:
    explicit TiersTest(std::string yaml = kStatusProgramme,
                       std::vector<std::string> plugins = {"loyalty-tiers"})
        : ws_({MOSHTARI_PLUGIN_DIR}, std::move(yaml), std::move(plugins)),
          settings_(
              read_settings(ConfigSection::read_file(ws_.config_file()).child("loyalty-tiers"))) {}

    Workspace& w() { return ws_.workspace(); }
    Database& db() { return w().database(); }
    const Programme& programme(std::string_view id = "status") const {
        return settings_.programme(id);
    }

    CustomerId add_customer(const std::string& name) {
        Customer c;
        c.name = name;
        return w().customers().create(c);
    }

    OrderId place_order(CustomerId customer, std::int64_t total_minor, Timestamp at = now(),
                        const std::string& currency = "EUR") {
        Order o;
        o.customer_id = customer;
        o.total = Money{total_minor, currency};
        o.at = at;
        return w().orders().add(o);
    }

    // A worker pass as on `day` days from now: that day's DailyTick, then everything pending.
    void run_worker(int day = 0) { w().run_worker_pass(now() + std::chrono::days{day}); }

    std::optional<Member> member(CustomerId customer, std::string_view id = "status") {
        return find_member(db(), id, customer);
    }
    std::string tier(CustomerId customer) {
        const auto m = member(customer);
        return m ? m->standing.tier : "(none)";
    }
    std::vector<events::TierChanged> tier_events() {
        std::vector<events::TierChanged> found;
        for (const auto& r : w().event_log().read_after(0, 100000, events::TierChanged::kType)) {
            found.push_back(r.as<events::TierChanged>());
        }
        return found;
    }
    std::int64_t count(const std::string& table, const std::string& where = "1") {
        return db()
            .sql()
            .execAndGet("SELECT COUNT(*) FROM " + table + " WHERE " + where)
            .getInt64();
    }

    moshtari::testing::TestWorkspace ws_;
    Settings settings_;
};

inline Timestamp days_ago(int days) {
    return now() - std::chrono::days{days};
}

}  // namespace moshtari::tiers::testing
