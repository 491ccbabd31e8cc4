#include "moshtari/dispatcher.hpp"

#include <SQLiteCpp/Statement.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "moshtari/config.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/events.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/transaction.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

// A durable subscriber whose effect is one row per CustomerCreated, written in the dispatcher's
// transaction. `crash_at`: the customer whose event makes the process die after writing its effect,
// before the commit.
void subscribe_counter(Workspace& ws, CustomerId crash_at = 0, CustomerId throw_at = 0) {
    const std::vector<Migration> effects{
        {1, "effects", "CREATE TABLE test_effects (customer_id INTEGER NOT NULL)"}};
    migrate(ws.database(), "test", effects);
    ws.dispatcher()
        .durable("counter", "test")
        .on<events::CustomerCreated>([&ws, crash_at, throw_at](const events::CustomerCreated& e,
                                                               const EventRecord&) {
            SQLite::Statement insert(ws.database().sql(), "INSERT INTO test_effects VALUES (?)");
            insert.bind(1, static_cast<int64_t>(e.customer_id));
            insert.exec();
            if (e.customer_id == crash_at) ::_exit(9);
            if (e.customer_id == throw_at) throw std::runtime_error("cannot handle this one");
        });
}

void add_customers(Workspace& ws, int n) {
    for (int i = 0; i < n; ++i) {
        Customer c;
        c.name = "Customer " + std::to_string(i);
        ws.customers().create(c);
    }
}

using DispatcherTest = StoreTest;

TEST_F(DispatcherTest, DeliversInLogOrderAndAdvancesTheCursor) {
    subscribe_counter(ws);
    add_customers(ws, 5);
    std::vector<EventId> live;
    auto sub = ws.bus().subscribe("*", "test", [&](const EventRecord& r) { live.push_back(r.id); });
    EXPECT_EQ(ws.dispatcher().run_once(2),
              10u);  // 5 durable deliveries + 5 live ones, in batches of 2
    EXPECT_EQ(rows("test_effects"), 5);
    EXPECT_EQ(ws.dispatcher().cursor("counter"), 5);
    EXPECT_EQ(live, (std::vector<EventId>{1, 2, 3, 4, 5}));
    EXPECT_EQ(ws.dispatcher().run_once(), 0u);
}

TEST_F(DispatcherTest, AThrowingHandlerStopsOnlyItsSubscriberAtThatEvent) {
    subscribe_counter(ws, 0, /*throw_at=*/3);
    int others = 0;
    ws.dispatcher()
        .durable("other", "another-plugin")
        .on<events::CustomerCreated>([&](const auto&, const EventRecord&) { ++others; });
    add_customers(ws, 5);
    ws.dispatcher().run_once();
    EXPECT_EQ(ws.dispatcher().cursor("counter"), 2);
    EXPECT_EQ(rows("test_effects"), 2) << "the failing event's own effect must be rolled back";
    EXPECT_EQ(others, 5);
    EXPECT_EQ(ws.dispatcher().cursor("other"), 5);
    ws.dispatcher().run_once();  // still failing: retried, not skipped, not duplicated
    EXPECT_EQ(rows("test_effects"), 2);
}

TEST_F(DispatcherTest, AKilledWorkerNeitherLosesNorRepeatsEffects) {
    add_customers(ws, 8);
    const auto config = test.config_file();
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The worker process: dies half-way through customer 5's event, effect written but not
        // committed.
        auto worker = Workspace::open(config);
        subscribe_counter(*worker, /*crash_at=*/5);
        worker->dispatcher().run_once(3);
        ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 9) << "the worker did not reach the crash point";

    test.reopen();
    Workspace& restarted = test.workspace();
    subscribe_counter(restarted);
    EXPECT_EQ(restarted.dispatcher().cursor("counter"), 3)
        << "the first batch of 3 was committed before the crash";
    restarted.dispatcher().run_once();
    std::multiset<std::int64_t> effects;
    SQLite::Statement q(restarted.database().sql(), "SELECT customer_id FROM test_effects");
    while (q.executeStep()) effects.insert(q.getColumn(0).getInt64());
    EXPECT_EQ(effects, (std::multiset<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST_F(DispatcherTest, TwoWorkersOnOneDatabaseDeliverEachEventOnce) {
    subscribe_counter(ws);  // creates test_effects
    add_customers(ws, 40);
    const auto file = ws.config().database();
    // Two processes' worth of state: each worker has its own connection, log and dispatcher.
    const auto worker = [&file] {
        Database db(file);
        EventLog log(db);
        EventBus live;
        Dispatcher dispatcher(db, log, live);
        dispatcher.durable("counter", "test")
            .on<events::CustomerCreated>(
                [&db](const events::CustomerCreated& e, const EventRecord&) {
                    SQLite::Statement insert(db.sql(), "INSERT INTO test_effects VALUES (?)");
                    insert.bind(1, static_cast<int64_t>(e.customer_id));
                    insert.exec();
                });
        for (int pass = 0; pass < 20; ++pass) dispatcher.run_once(1);
    };
    std::thread first(worker), second(worker);
    first.join();
    second.join();
    EXPECT_EQ(rows("test_effects"), 40);
    EXPECT_EQ(ws.database()
                  .sql()
                  .execAndGet("SELECT COUNT(DISTINCT customer_id) FROM test_effects")
                  .getInt(),
              40);
}

TEST_F(DispatcherTest, WorkerPassWritesOneDailyTickPerDay) {
    const auto day = *parse_time("2026-11-24T08:00:00Z");
    ws.run_worker_pass(day);
    ws.run_worker_pass(day + std::chrono::hours{10});
    ws.run_worker_pass(day + std::chrono::hours{24});
    const auto ticks = ws.event_log().read_after(0, 10, "DailyTick");
    ASSERT_EQ(ticks.size(), 2u);
    EXPECT_EQ(ticks[0].as<events::DailyTick>().date, "2026-11-24");
    EXPECT_EQ(ticks[1].as<events::DailyTick>().date, "2026-11-25");
}

}  // namespace
}  // namespace moshtari
