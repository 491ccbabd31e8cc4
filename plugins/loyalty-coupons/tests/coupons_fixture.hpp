#pragma once
// The real loyalty-coupons plugin loaded by the real host on a temporary SQLite file, with the
// campaigns and steps the tests share.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "settings.hpp"

namespace moshtari::coupons::testing {

// welcome: personal codes, 10 % off from 20.00, one use per code and per customer, not stackable.
// fiver: personal codes, 5.00 off, stackable, three uses per code, two per customer, four in all.
// summer: the shared code SUMMER-10, 12.5 % off, not stackable, two uses in all.
// later: a shared code valid from 2999. lapsing: codes lasting 7 days. big: 500.00 off, stackable.
inline constexpr const char* kCampaigns = R"yaml(
loyalty-coupons:
  campaigns:
    - id: welcome
      currency: EUR
      percent: 10
      minimum_order: "20.00"
    - id: fiver
      currency: EUR
      amount: "5.00"
      stackable: true
      uses_per_code: 3
      uses_per_customer: 2
      total_uses: 4
    - id: summer
      currency: EUR
      percent: 12.5
      code: summer-10
      total_uses: 2
    - id: later
      currency: EUR
      percent: 5
      valid_from: 2999-01-01
      code: LATER
    - id: lapsing
      currency: EUR
      amount: "1.00"
      valid_days: 7
    - id: big
      currency: EUR
      amount: "500.00"
      stackable: true
      code: BIGONE
      uses_per_customer: 0
)yaml";

class CouponsTest : public ::testing::Test {
  protected:
    explicit CouponsTest(std::string yaml = kCampaigns)
        : ws_({MOSHTARI_PLUGIN_DIR}, std::move(yaml), {"loyalty-coupons"}),
          settings_(
              read_settings(ConfigSection::read_file(ws_.config_file()).child("loyalty-coupons"))) {
    }

    Workspace& w() { return ws_.workspace(); }
    Database& db() { return w().database(); }
    const Campaign& campaign(std::string_view id) const { return settings_.campaign(id); }

    CustomerId add_customer(const std::string& name, std::vector<std::string> tags = {}) {
        Customer c;
        c.name = name;
        c.tags = std::move(tags);
        return w().customers().create(c);
    }

    void set_stage(CustomerId customer, const std::string& stage) {
        Transaction tx(db());
        w().customers().set_lifecycle_stage(customer, stage);
        tx.commit();
    }

    OrderId place_order(std::optional<CustomerId> customer, std::int64_t total_minor,
                        const std::string& currency = "EUR") {
        Order o;
        o.customer_id = customer;
        o.total = Money{total_minor, currency};
        o.at = now();
        return w().orders().add(o);
    }

    // Rows of `table` matching `where`.
    std::int64_t count(const std::string& table, const std::string& where = "1") {
        return db()
            .sql()
            .execAndGet("SELECT COUNT(*) FROM " + table + " WHERE " + where)
            .getInt64();
    }

    moshtari::testing::TestWorkspace ws_;
    Settings settings_;
};

}  // namespace moshtari::coupons::testing
