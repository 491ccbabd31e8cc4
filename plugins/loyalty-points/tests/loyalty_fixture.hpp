#pragma once
// The real loyalty-points plugin loaded by the real host on a temporary SQLite file, with the
// steps the tests repeat: customers, orders, a worker pass, the ledger.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "ledger.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"
#include "settings.hpp"

namespace moshtari::loyalty::testing {

// One programme in EUR: a point per euro, rounded down, points lasting 30 days.
inline constexpr const char* kBasicProgramme = R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn:
        points_per_unit: 1
      lifetime_days: 30
      negative_balance: clamp
)yaml";

class LoyaltyTest : public ::testing::Test {
  protected:
    explicit LoyaltyTest(std::string yaml = kBasicProgramme) : yaml_(std::move(yaml)) { open(); }

    void open() {
        ws_ = std::make_unique<moshtari::testing::TestWorkspace>(
            std::vector<std::filesystem::path>{MOSHTARI_PLUGIN_DIR}, yaml_,
            std::vector<std::string>{"loyalty-points"});
        settings_ =
            read_settings(ConfigSection::read_file(ws_->config_file()).child("loyalty-points"));
    }

    Workspace& w() { return ws_->workspace(); }
    Database& db() { return w().database(); }
    const Programme& programme(std::string_view id = {}) const { return settings_.programme(id); }

    CustomerId add_customer(const std::string& name, std::vector<std::string> tags = {}) {
        Customer c;
        c.name = name;
        c.tags = std::move(tags);
        return w().customers().create(c);
    }

    OrderId place_order(CustomerId customer, std::int64_t total_minor, Timestamp at,
                        const std::string& currency = "EUR") {
        Order o;
        o.customer_id = customer;
        o.total = Money{total_minor, currency};
        o.at = at;
        return w().orders().add(o);
    }

    void run_worker() { w().run_worker_pass(now()); }

    std::int64_t balance(CustomerId customer, std::string_view programme_id = "points") {
        return Ledger(db()).balance(programme_id, customer);
    }
    std::vector<Entry> entries(CustomerId customer, std::string_view programme_id = "points") {
        return Ledger(db()).entries(programme_id, customer);
    }

    std::string yaml_;
    std::unique_ptr<moshtari::testing::TestWorkspace> ws_;
    Settings settings_;
};

inline Timestamp at(const char* text) {
    return *parse_time(text);
}

}  // namespace moshtari::loyalty::testing
