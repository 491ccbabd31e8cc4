// Earning for imported batches, through the real plugin and the bulk writer: what the set-based
// pass asks only when a rule needs it (the first order, the period's room) still holds.

#include <SQLiteCpp/Database.h>

#include "earning.hpp"
#include "loyalty_fixture.hpp"
#include "moshtari/bulk_writer.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::loyalty::testing {
namespace {

struct Imported {
    std::int64_t total_minor = 0;
    const char* at = "";
};

class BatchEarning : public LoyaltyTest {
  protected:
    explicit BatchEarning(std::string yaml) : LoyaltyTest(std::move(yaml)) {}

    // Imports the orders of `customer` in one committed batch, as data-csv does; returns their ids.
    std::vector<OrderId> import_orders(CustomerId customer, const std::vector<Imported>& orders) {
        std::vector<OrderId> ids;
        Transaction tx(db());
        auto writer = make_bulk_writer(db(), 16);
        for (const auto& imported : orders) {
            Order o;
            o.customer_id = customer;
            o.total = Money{imported.total_minor, "EUR"};
            o.at = at(imported.at);
            ids.push_back(writer->add_order(o).value());
        }
        const auto count = static_cast<std::int64_t>(ids.size());
        w().event_log().append(events::OrdersImported{ids.front(), ids.back(), count, 0});
        tx.commit();
        return ids;
    }

    std::vector<std::pair<std::string, std::optional<OrderId>>> rules_and_orders(
        CustomerId customer) {
        std::vector<std::pair<std::string, std::optional<OrderId>>> got;
        for (const auto& e : entries(customer)) got.emplace_back(e.rule, e.order);
        return got;
    }
};

class FirstOrders : public BatchEarning {
  protected:
    FirstOrders()
        : BatchEarning(R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {points_per_unit: 1}
      bonuses: {first_order: 50}
)yaml") {}
};

TEST_F(FirstOrders, TheBonusGoesWithTheEarliestOrderByTimeAndEntriesAreWrittenInTimeOrder) {
    const CustomerId ada = add_customer("Ada");
    const auto ids =
        import_orders(ada, {{1000, "2026-11-05"}, {2000, "2026-11-01"}, {3000, "2026-11-03"}});
    run_worker();
    const std::vector<std::pair<std::string, std::optional<OrderId>>> want{
        {"order", ids[1]}, {"first_order", ids[1]}, {"order", ids[2]}, {"order", ids[0]}};
    EXPECT_EQ(rules_and_orders(ada), want);

    // An older order imported later earns, but the bonus was given once per customer.
    const auto older = import_orders(ada, {{4000, "2026-10-01"}});
    run_worker();
    EXPECT_EQ(entries(ada).size(), 5u);
    EXPECT_EQ(entries(ada).back().order, older[0]);
    EXPECT_EQ(balance(ada), 10 + 20 + 30 + 40 + 50);
}

TEST_F(FirstOrders, EarningLeavesTheConnectionsPageCacheAsItFoundIt) {
    const CustomerId ada = add_customer("Ada");
    db().sql().exec("PRAGMA cache_size = -3000");
    import_orders(ada, {{1000, "2026-11-05"}});
    run_worker();
    ASSERT_EQ(balance(ada), 60);
    EXPECT_EQ(db().sql().execAndGet("PRAGMA cache_size").getInt(), -3000);
}

class CappedImports : public BatchEarning {
  protected:
    CappedImports()
        : BatchEarning(R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {points_per_unit: 1}
      cap_per_period: 100
      period: month
)yaml") {}
};

TEST_F(CappedImports, AnOrderEarnedBeforeNeitherEarnsAgainNorTakesThePeriodsRoomTwice) {
    const CustomerId ada = add_customer("Ada");
    const auto first = import_orders(ada, {{6000, "2026-10-03"}});
    run_worker();
    ASSERT_EQ(balance(ada), 60);
    const auto second = import_orders(ada, {{6000, "2026-10-05"}});
    {
        // A range that takes in the order earned already, as an overlapping replay would.
        Transaction tx(db());
        EXPECT_EQ(earn_for_orders(db(), programme(), first[0], second[0]), 1u);
        tx.commit();
    }
    ASSERT_EQ(entries(ada).size(), 2u);
    EXPECT_EQ(entries(ada)[1].order, second[0]);
    EXPECT_EQ(entries(ada)[1].points, 40) << "the month's cap of 100 less the 60 earned before";
    run_worker();  // the batch's own event finds it earned
    EXPECT_EQ(balance(ada), 100);
}

}  // namespace
}  // namespace moshtari::loyalty::testing
