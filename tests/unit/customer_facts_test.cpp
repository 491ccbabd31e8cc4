#include "moshtari/customer_facts.hpp"

#include <cmath>
#include <map>
#include <tuple>

#include "moshtari/bulk_writer.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/transaction.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kStart = 1'700'000'000;

Timestamp day(int n) {
    return from_unix(kStart + n * kDay);
}

class CustomerFactsTest : public StoreTest {
  protected:
    CustomerId person(const std::string& name) {
        Customer c;
        c.name = name;
        c.created_at = day(0);
        return ws.customers().create(c);
    }
    Order order(CustomerId customer, int on_day, std::int64_t cents,
                const std::string& currency = "EUR") {
        Order o;
        o.customer_id = customer;
        o.at = day(on_day);
        o.total = Money{cents, currency};
        return o;
    }
    OrderId place(CustomerId customer, int on_day, std::int64_t cents,
                  const std::string& currency = "EUR") {
        return ws.orders().add(order(customer, on_day, cents, currency));
    }

    // (first, last, orders, spend) as kept in customer_order_facts, or none.
    using Facts = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t>;
    std::map<CustomerId, Facts> kept() {
        std::map<CustomerId, Facts> facts;
        SQLite::Statement rows(ws.database().sql(),
                               "SELECT customer_id, first_order_at, last_order_at, orders, "
                               "spend_minor FROM customer_order_facts");
        while (rows.executeStep()) {
            facts[rows.getColumn(0).getInt64()] = {
                rows.getColumn(1).getInt64(), rows.getColumn(2).getInt64(),
                rows.getColumn(3).getInt64(), rows.getColumn(4).getInt64()};
        }
        return facts;
    }
    // The same, counted afresh from the orders: what the kept facts must always equal.
    std::map<CustomerId, Facts> recounted() {
        std::map<CustomerId, Facts> facts;
        SQLite::Statement rows(ws.database().sql(),
                               "SELECT customer_id, min(at), max(at), count(*), "
                               "sum(total_minor - refunded_minor) FROM orders WHERE cancelled = 0 "
                               "AND currency = 'EUR' AND customer_id IS NOT NULL "
                               "GROUP BY customer_id");
        while (rows.executeStep()) {
            facts[rows.getColumn(0).getInt64()] = {
                rows.getColumn(1).getInt64(), rows.getColumn(2).getInt64(),
                rows.getColumn(3).getInt64(), rows.getColumn(4).getInt64()};
        }
        return facts;
    }
};

TEST_F(CustomerFactsTest, FollowOrdersAsTheyArePlacedCancelledAndRefunded) {
    const CustomerId ana = person("Ana");
    const CustomerId ben = person("Ben");
    place(ana, 1, 1000);
    const OrderId second = place(ana, 5, 2500);
    const OrderId third = place(ana, 9, 4000);
    place(ana, 10, 9900, "USD");  // not in the workspace currency: not counted
    place(ben, 3, 700);
    EXPECT_EQ(kept(), recounted());
    EXPECT_EQ(kept()[ana], Facts(kStart + kDay, kStart + 9 * kDay, 3, 7500));

    ws.orders().cancel(third, day(11));
    ws.orders().refund(second, Money{500, "EUR"}, day(12));
    EXPECT_EQ(kept(), recounted());
    EXPECT_EQ(kept()[ana], Facts(kStart + kDay, kStart + 5 * kDay, 2, 3000));
}

TEST_F(CustomerFactsTest, BulkOrdersWaitForTheCatchUpAndAreCountedOnce) {
    const CustomerId ana = person("Ana");
    place(ana, 1, 1000);
    {
        Transaction batch(ws.database());
        const auto writer = make_bulk_writer(ws.database(), 2);
        for (int d = 2; d < 6; ++d) writer->add_order(order(ana, d, 100));
        batch.commit();
    }
    // Placed while bulk orders wait: left to the catch-up, which then counts it once.
    place(ana, 7, 5000);
    EXPECT_EQ(std::get<2>(kept()[ana]), 1);
    EXPECT_EQ(ws.facts().catch_up(), 5u);
    EXPECT_EQ(kept(), recounted());
    EXPECT_EQ(ws.facts().catch_up(), 0u);
    // Caught up, a placed order counts at once.
    place(ana, 8, 1);
    EXPECT_EQ(kept(), recounted());
    EXPECT_EQ(std::get<2>(kept()[ana]), 7);
}

// Reading uses the kept facts only when no counted order is later than as_of; bulk orders counted
// by the catch-up must move that bound too, or an earlier as_of would count later orders.
TEST_F(CustomerFactsTest, AnAsOfBeforeBulkOrdersCountsOnlyTheOrdersUpToIt) {
    const CustomerId ana = person("Ana");
    place(ana, 1, 1000);
    {
        Transaction batch(ws.database());
        const auto writer = make_bulk_writer(ws.database(), 2);
        writer->add_order(order(ana, 4, 300));
        writer->add_order(order(ana, 9, 700));
        writer->add_order(order(ana, 30, 5, "USD"));  // not counted: moves no bound
        batch.commit();
    }
    EXPECT_EQ(ws.facts().catch_up(), 3u);

    const auto all = ws.facts().read({day(10)});
    EXPECT_EQ(all.orders[0], 3);
    EXPECT_EQ(all.spend_minor[0], 2000);
    EXPECT_DOUBLE_EQ(all.recency_days[0], 1.0);
    const auto earlier = ws.facts().read({day(5)});
    EXPECT_EQ(earlier.orders[0], 2);
    EXPECT_EQ(earlier.spend_minor[0], 1300);
    EXPECT_DOUBLE_EQ(earlier.recency_days[0], 1.0);
}

TEST_F(CustomerFactsTest, AReplacedOrderMovesItsFactsToItsNewCustomer) {
    const CustomerId ana = person("Ana");
    const CustomerId ben = person("Ben");
    const OrderId id = place(ana, 1, 1000);
    place(ben, 2, 300);
    Order moved = order(ben, 4, 1200);
    moved.id = id;
    {
        Transaction batch(ws.database());
        make_bulk_writer(ws.database(), 2)->replace_order(moved);
        batch.commit();
    }
    EXPECT_EQ(kept(), recounted());
    EXPECT_EQ(kept().count(ana), 0u);
    EXPECT_EQ(kept()[ben], Facts(kStart + 2 * kDay, kStart + 4 * kDay, 2, 1500));
}

TEST_F(CustomerFactsTest, AMergeUnitesTheFactsOfBothCustomers) {
    const CustomerId ana = person("Ana");
    const CustomerId twin = person("Ana B");
    place(ana, 4, 1000);
    place(twin, 1, 300);
    place(twin, 9, 200);
    ws.merges().merge(ana, twin, "test");
    EXPECT_EQ(kept(), recounted());
    EXPECT_EQ(kept()[ana], Facts(kStart + kDay, kStart + 9 * kDay, 3, 1500));
}

TEST_F(CustomerFactsTest, ReadsFeaturesAsOfADateCountingOnlyOrdersUpToIt) {
    const CustomerId ana = person("Ana");
    const CustomerId ben = person("Ben");
    const CustomerId cyd = person("Cyd");  // no orders
    place(ana, 2, 1000);
    place(ana, 6, 3000);
    place(ben, 8, 500);

    const auto now = ws.facts().read({day(10)});
    ASSERT_EQ(now.ids, (std::vector<CustomerId>{ana, ben, cyd}));
    EXPECT_EQ(now.currency, "EUR");
    EXPECT_DOUBLE_EQ(now.recency_days[0], 4.0);
    EXPECT_DOUBLE_EQ(now.tenure_days[0], 10.0);
    EXPECT_EQ(now.orders[0], 2);
    EXPECT_EQ(now.spend_minor[0], 4000);
    EXPECT_DOUBLE_EQ(now.average_spend_minor(0), 2000.0);
    EXPECT_TRUE(std::isnan(now.recency_days[2]));
    EXPECT_EQ(now.orders[2], 0);

    const auto earlier = ws.facts().read({day(5)});
    EXPECT_EQ(earlier.orders[0], 1);
    EXPECT_DOUBLE_EQ(earlier.recency_days[0], 3.0);
    EXPECT_EQ(earlier.orders[1], 0);
    EXPECT_TRUE(std::isnan(earlier.recency_days[1]));
}

// Imported customers are recorded long after their orders: one whose only order by as_of was
// cancelled is still a customer then, with no orders that count.
TEST_F(CustomerFactsTest, ACustomerRecordedLaterWithOnlyACancelledOrderIsStillRead) {
    Customer late;
    late.name = "Late";
    late.created_at = day(20);
    const CustomerId id = ws.customers().create(late);
    ws.orders().cancel(place(id, 3, 900), day(4));
    const auto features = ws.facts().read({day(10)});
    ASSERT_EQ(features.ids, std::vector<CustomerId>{id});
    EXPECT_EQ(features.orders[0], 0);
    EXPECT_TRUE(std::isnan(features.recency_days[0]));
}

// A read splits the customers between two connections; every customer comes back once, in order,
// with their own facts.
TEST_F(CustomerFactsTest, EveryCustomerIsReadOnceInIdOrderWithTheirOwnFacts) {
    std::vector<CustomerId> ids;
    {
        Transaction tx(ws.database());
        for (int i = 0; i < 1001; ++i) {
            ids.push_back(person("P" + std::to_string(i)));
            place(ids.back(), 1 + i % 7, 100 * (i + 1));
        }
        tx.commit();
    }
    const auto features = ws.facts().read({day(10)});
    ASSERT_EQ(features.ids, ids);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(features.spend_minor[i], 100 * static_cast<std::int64_t>(i + 1)) << i;
        EXPECT_DOUBLE_EQ(features.recency_days[i], 10 - (1 + static_cast<double>(i % 7))) << i;
    }
}

// A read that first counts bulk orders has written uncommitted facts: a second connection would
// read the upper half's facts from before them.
TEST_F(CustomerFactsTest, AReadThatCatchesUpSeesTheOrdersItJustCounted) {
    const std::vector<CustomerId> people{person("Ana"), person("Ben"), person("Cyd"),
                                         person("Dan")};
    {
        Transaction batch(ws.database());
        const auto writer = make_bulk_writer(ws.database(), 2);
        for (const CustomerId id : people) writer->add_order(order(id, 3, 100 * id));
        batch.commit();
    }
    const auto features = ws.facts().read({day(10)});
    ASSERT_EQ(features.ids, people);
    EXPECT_EQ(features.orders, (std::vector<std::int64_t>{1, 1, 1, 1}));
    EXPECT_EQ(features.spend_minor, (std::vector<std::int64_t>{100, 200, 300, 400}));
}

// Inside a caller's transaction a second connection would not see what it has not committed yet.
TEST_F(CustomerFactsTest, AReadInsideATransactionSeesItsUncommittedCustomers) {
    const CustomerId ana = person("Ana");
    place(ana, 1, 1000);
    Transaction tx(ws.database());
    const CustomerId ben = person("Ben");
    const CustomerId cyd = person("Cyd");
    const auto features = ws.facts().read({day(10)});
    EXPECT_EQ(features.ids, (std::vector<CustomerId>{ana, ben, cyd}));
    EXPECT_EQ(features.orders, (std::vector<std::int64_t>{1, 0, 0}));
}

TEST_F(CustomerFactsTest, CountsInteractionsByKindAndReadsNumericAttributes) {
    const CustomerId ana = person("Ana");
    const CustomerId ben = person("Ben");
    Customer withScore = ws.customers().get(ben);
    withScore.attributes["nps"] = std::int64_t{9};
    ws.customers().update(withScore);
    for (const auto& [kind, on_day] : std::vector<std::pair<std::string, int>>{
             {"complaint", 1}, {"complaint", 2}, {"call", 3}, {"complaint", 30}}) {
        Interaction i;
        i.customer_id = ana;
        i.channel = "phone";
        i.kind = kind;
        i.at = day(on_day);
        ws.interactions().log(i);
    }
    const auto features = ws.facts().read({day(10), true, {"nps"}});
    EXPECT_EQ(features.complaints, (std::vector<std::int64_t>{2, 0}));
    EXPECT_EQ(features.interactions_by_kind.at("call"), (std::vector<std::int64_t>{1, 0}));
    EXPECT_TRUE(std::isnan(features.attributes.at("nps")[0]));
    EXPECT_DOUBLE_EQ(features.attributes.at("nps")[1], 9.0);
}

}  // namespace
}  // namespace moshtari
