// The real segment-lifecycle library, loaded by the real host into a workspace on a temporary
// SQLite file: phases follow orders, interactions and daily ticks, and the plugin's cursor makes
// each effect happen once.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "lifecycle_rules.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/dispatcher.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/plugin_host.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::lifecycle {
namespace {

using std::chrono::days;
using std::chrono::hours;

const Timestamp kDay0 = std::chrono::sys_days{std::chrono::year{2026} / 2 / 2} + hours{9};

Timestamp day(int n) {
    return kDay0 + days{n};
}

// One SegmentChanged, as the event log has it.
struct Change {
    std::string from;
    std::string to;
    Timestamp at{};

    friend bool operator==(const Change&, const Change&) = default;
    friend std::ostream& operator<<(std::ostream& out, const Change& c) {
        return out << "'" << c.from << "' -> '" << c.to << "' at " << format_time(c.at);
    }
};

class LifecyclePluginTest : public ::testing::Test {
  protected:
    Workspace& w() { return ws_.workspace(); }

    CustomerId customer(Timestamp created) {
        Customer c;
        c.name = "Parisa Karimi";
        c.created_at = created;
        return w().customers().create(c);
    }

    void order(CustomerId id, Timestamp at, bool cancelled = false) {
        Order o;
        o.customer_id = id;
        o.at = at;
        o.total = Money{4200, "EUR"};
        o.cancelled = cancelled;
        w().orders().add(o);
    }

    std::string phase(CustomerId id) { return w().customers().get(id).lifecycle_stage; }

    std::vector<Change> changes(CustomerId id) {
        std::vector<Change> result;
        for (const auto& record :
             w().event_log().read_after(0, 10'000, events::SegmentChanged::kType)) {
            const auto e = record.as<events::SegmentChanged>();
            EXPECT_EQ(e.segmenter, "lifecycle");
            if (e.customer_id == id) result.push_back({e.from_segment, e.to_segment, record.at});
        }
        return result;
    }

    std::int64_t stored_changes() {
        SQLite::Statement count(w().database().sql(),
                                "SELECT COUNT(*) FROM segment_lifecycle_changes");
        count.executeStep();
        return count.getColumn(0).getInt64();
    }

    moshtari::testing::TestWorkspace ws_{
        {MOSHTARI_PLUGIN_DIR},
        "segment-lifecycle:\n  new_days: 30\n  at_risk_days: 90\n  lapsed_days: 180\n"};
};

TEST_F(LifecyclePluginTest, RunsAndRegistersItsCommand) {
    const PluginInfo* plugin = w().plugins().find("segment-lifecycle");
    ASSERT_NE(plugin, nullptr);
    EXPECT_EQ(plugin->state, PluginState::running) << plugin->error;
    const auto& commands = w().commands();
    EXPECT_TRUE(std::any_of(commands.begin(), commands.end(),
                            [](const Command& c) { return c.name == "lifecycle"; }));
}

TEST_F(LifecyclePluginTest, CustomerWithoutOrdersBecomesProspect) {
    const auto id = customer(day(0));
    EXPECT_EQ(phase(id), "") << "nothing is computed before the worker runs";
    w().run_worker_pass(day(0));
    EXPECT_EQ(phase(id), kProspect);
    EXPECT_EQ(changes(id), (std::vector<Change>{{"", kProspect, day(0)}}));
}

TEST_F(LifecyclePluginTest, FirstOrderMakesTheCustomerNew) {
    const auto id = customer(day(0));
    w().run_worker_pass(day(0));
    order(id, day(3));
    w().run_worker_pass(day(3));
    EXPECT_EQ(phase(id), kNew);
    EXPECT_EQ(changes(id),
              (std::vector<Change>{{"", kProspect, day(0)}, {kProspect, kNew, day(3)}}));
}

TEST_F(LifecyclePluginTest, CancelledOrderLeavesAProspect) {
    const auto id = customer(day(0));
    order(id, day(1), true);
    w().run_worker_pass(day(1));
    EXPECT_EQ(phase(id), kProspect);
}

TEST_F(LifecyclePluginTest, DailyTicksMoveASilentCustomerToAtRiskThenLapsed) {
    const auto id = customer(day(0));
    order(id, day(0));
    w().run_worker_pass(day(0));
    EXPECT_EQ(phase(id), kNew);

    w().run_worker_pass(day(100));
    EXPECT_EQ(phase(id), kAtRisk);
    w().run_worker_pass(day(200));
    EXPECT_EQ(phase(id), kLapsed);

    EXPECT_EQ(changes(id),
              (std::vector<Change>{
                  {"", kNew, day(0)}, {kNew, kAtRisk, day(100)}, {kAtRisk, kLapsed, day(200)}}));
    EXPECT_EQ(stored_changes(), 3);
}

TEST_F(LifecyclePluginTest, OrderAfterTheLapseWinsTheCustomerBack) {
    const auto id = customer(day(0));
    order(id, day(0));
    w().run_worker_pass(day(0));
    w().run_worker_pass(day(200));
    ASSERT_EQ(phase(id), kLapsed);

    order(id, day(210));
    w().run_worker_pass(day(210));
    EXPECT_EQ(phase(id), kWonBack);
    EXPECT_EQ(changes(id).back(), (Change{kLapsed, kWonBack, day(210)}));
}

TEST_F(LifecyclePluginTest, AnInteractionReEvaluatesTheCustomer) {
    const auto id = customer(day(0));
    order(id, day(0));
    w().run_worker_pass(day(0));
    Interaction call;
    call.customer_id = id;
    call.channel = "phone";
    call.kind = "call";
    call.at = day(95);
    w().interactions().log(call);
    // Delivery without a worker pass: no daily tick is written, so only the interaction can move
    // the customer.
    w().dispatcher().run_once();
    EXPECT_EQ(phase(id), kAtRisk);
}

TEST_F(LifecyclePluginTest, CursorSurvivesReopen) {
    const auto id = customer(day(0));
    w().run_worker_pass(day(0));
    order(id, day(1));
    w().run_worker_pass(day(1));
    w().run_worker_pass(day(200));
    ASSERT_EQ(phase(id), kLapsed);
    const auto rows = stored_changes();
    const EventId cursor = w().dispatcher().cursor("segment-lifecycle");
    EXPECT_EQ(cursor, w().event_log().last_id());

    ws_.reopen();
    EXPECT_EQ(w().dispatcher().cursor("segment-lifecycle"), cursor);
    // Delivered again, the customer's first events would recompute the early phases and record them
    // twice.
    w().run_worker_pass(day(200));
    w().run_worker_pass(day(201));
    EXPECT_EQ(stored_changes(), rows);
    EXPECT_EQ(phase(id), kLapsed);

    order(id, day(205));
    w().run_worker_pass(day(205));
    EXPECT_EQ(phase(id), kWonBack) << "the plugin must still be subscribed after the reopen";
    EXPECT_EQ(stored_changes(), rows + 1);
    EXPECT_EQ(static_cast<std::int64_t>(changes(id).size()), stored_changes());
}

TEST_F(LifecyclePluginTest, SecondPassOnTheSameDayChangesNothing) {
    const auto id = customer(day(0));
    order(id, day(0));
    w().run_worker_pass(day(0));
    w().run_worker_pass(day(100));
    ASSERT_EQ(phase(id), kAtRisk);
    const auto rows = stored_changes();
    const EventId last = w().event_log().last_id();

    EXPECT_EQ(w().run_worker_pass(day(100) + hours{8}), 0u);
    EXPECT_EQ(stored_changes(), rows);
    EXPECT_EQ(w().event_log().last_id(), last);
    EXPECT_EQ(phase(id), kAtRisk);
}

TEST_F(LifecyclePluginTest, ABackdatedOrderIsJudgedAsOfTheLastTickNotItsOwnDate) {
    const CustomerId id = customer(day(0));
    w().run_worker_pass(day(200));
    EXPECT_EQ(phase(id), kProspect);
    order(id, day(10));  // entered after the tick of day 200, dated day 10
    w().run_worker_pass(day(200) + hours{1});
    EXPECT_EQ(phase(id), kLapsed) << "190 days without an order as of the last tick";
}

TEST_F(LifecyclePluginTest, ImportedBatchesAreJudgedInOnePassWithoutPerRowEvents) {
    // What a bulk import writes: rows, and one batch event per committed batch.
    {
        Transaction tx(w().database());
        auto& sql = w().database().sql();
        for (int i = 1; i <= 3; ++i) {
            sql.exec(
                fmt::format("INSERT INTO customers (id, kind, name, created_at, updated_at) "
                            "VALUES ({}, 'person', 'Imported {}', 0, 0)",
                            i, i));
        }
        w().event_log().append(events::CustomersImported{1, 3, 3, 0, 0}, day(0));
        sql.exec(
            fmt::format("INSERT INTO orders (id, customer_id, at, total_minor, currency) "
                        "VALUES (1, 1, {}, 1000, 'EUR'), (2, 2, {}, 1000, 'EUR')",
                        to_unix(day(-400)), to_unix(day(-10))));
        w().event_log().append(events::OrdersImported{1, 2, 2, 0}, day(0));
        tx.commit();
    }
    w().dispatcher().run_once();
    EXPECT_EQ(phase(1), kLapsed);
    EXPECT_EQ(phase(2), kNew);
    EXPECT_EQ(phase(3), kProspect);
}

}  // namespace
}  // namespace moshtari::lifecycle
