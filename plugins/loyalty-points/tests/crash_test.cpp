// `moshtari run` killed with SIGKILL in the middle of earning for a batch of orders: the re-run
// leaves the same ledger as a worker that was never interrupted.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <thread>

#include "moshtari/bulk_writer.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "moshtari_process.hpp"

namespace moshtari::loyalty::testing {
namespace {

constexpr int kCustomers = 40;
constexpr int kPlacedOrders = 3000;
constexpr int kImportedOrders = 3000;

// Caps and a first-order bonus make each order's points depend on the orders before it, so a
// re-run that skipped or repeated one would show.
std::string config_text() {
    return fmt::format(R"yaml(workspace:
  database: moshtari.db
  currency: EUR
plugins:
  paths: ["{}"]
  enabled: [loyalty-points]
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {{points_per_unit: 1, tag_multipliers: {{vip: 2}}, cap_per_order: 150}}
      cap_per_period: 900
      period: month
      bonuses: {{first_order: 25}}
)yaml",
                       MOSHTARI_PLUGIN_DIR);
}

class Crash : public ::testing::Test {
  protected:
    Crash() : killed_("loyalty-crash"), whole_("loyalty-whole") {}

    // Orders placed one by one (an OrderPlaced each) and one imported batch (one OrdersImported),
    // then the same database copied for the uninterrupted run.
    void prepare() {
        std::ofstream(killed_ / "moshtari.yaml") << config_text();
        std::ofstream(whole_ / "moshtari.yaml") << config_text();
        auto ws = Workspace::open(killed_ / "moshtari.yaml");
        std::vector<CustomerId> customers;
        for (int i = 0; i < kCustomers; ++i) {
            Customer c;
            c.name = fmt::format("Customer {}", i);
            if (i % 3 == 0) c.tags = {"vip"};
            customers.push_back(ws->customers().create(c));
        }
        const Timestamp start = *parse_time("2025-01-01");
        Transaction tx(ws->database());
        for (int i = 0; i < kPlacedOrders; ++i) {
            Order o;
            o.customer_id = customers[static_cast<std::size_t>(i * 7 % kCustomers)];
            o.total = Money{500 + (i * 7919) % 20000, "EUR"};
            o.at = start + std::chrono::hours(i * 3);
            ws->orders().add(o);
        }
        auto writer = make_bulk_writer(ws->database(), 16);
        OrderId first = 0, last = 0;
        for (int i = 0; i < kImportedOrders; ++i) {
            Order o;
            o.customer_id = customers[static_cast<std::size_t>(i * 11 % kCustomers)];
            o.total = Money{700 + (i * 104729) % 30000, "EUR"};
            o.at = start + std::chrono::hours(i * 3 + 1);
            last = writer->add_order(o).value();
            if (first == 0) first = last;
        }
        ws->event_log().append(events::OrdersImported{first, last, kImportedOrders, 0});
        tx.commit();
        SQLite::Statement copy(ws->database().sql(), "VACUUM INTO ?");
        copy.bind(1, (whole_ / "moshtari.db").string());
        copy.exec();
    }

    static std::int64_t ledger_rows(const moshtari::testing::TempDir& dir) {
        SQLite::Database db((dir / "moshtari.db").string(), SQLite::OPEN_READONLY);
        db.setBusyTimeout(5000);
        if (!db.tableExists("loyalty_points_ledger")) return 0;
        return db.execAndGet("SELECT COUNT(*) FROM loyalty_points_ledger").getInt64();
    }

    // Everything but when each row was written.
    static std::vector<std::string> ledger(const moshtari::testing::TempDir& dir) {
        SQLite::Database db((dir / "moshtari.db").string(), SQLite::OPEN_READONLY);
        SQLite::Statement rows(
            db,
            "SELECT programme || '|' || customer_id || '|' || kind || '|' || cause || '|' || "
            "points || '|' || at || '|' || COALESCE(order_id, '') || '|' || rule || '|' || "
            "COALESCE(expires_at, '') FROM loyalty_points_ledger ORDER BY id");
        std::vector<std::string> text;
        while (rows.executeStep()) text.push_back(rows.getColumn(0).getString());
        return text;
    }

    moshtari::testing::TempDir killed_;
    moshtari::testing::TempDir whole_;
};

TEST_F(Crash, AKilledWorkerLeavesTheLedgerAnUninterruptedOneWould) {
    prepare();
    ProcessResult whole = run_moshtari(whole_ / "moshtari.yaml", {"run", "--once"});
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    const auto expected = ledger(whole_);
    ASSERT_GT(expected.size(), static_cast<std::size_t>(kPlacedOrders));

    MoshtariProcess worker(killed_ / "moshtari.yaml", {"run", "--interval", "1"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::int64_t seen = 0;
    while ((seen = ledger_rows(killed_)) < 200 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    worker.kill_hard();
    EXPECT_EQ(worker.finish().exit_code, 128 + SIGKILL);
    const std::int64_t at_kill = ledger_rows(killed_);
    ASSERT_GE(seen, 200) << "the worker earned nothing in time";
    ASSERT_LT(at_kill, static_cast<std::int64_t>(expected.size()))
        << "the worker finished before it was killed; the test proves nothing";

    ProcessResult rerun = run_moshtari(killed_ / "moshtari.yaml", {"run", "--once"});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(ledger(killed_), expected);
    rerun = run_moshtari(killed_ / "moshtari.yaml", {"run", "--once"});
    EXPECT_EQ(ledger(killed_), expected) << "a third run changes nothing";
}

}  // namespace
}  // namespace moshtari::loyalty::testing
