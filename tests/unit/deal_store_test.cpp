#include "moshtari/deal_store.hpp"

#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/events.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/task_store.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

class DealStoreTest : public StoreTest {
  protected:
    CustomerId customer = [this] {
        Customer c;
        c.name = "Acme GmbH";
        c.kind = CustomerKind::company;
        return ws.customers().create(c);
    }();

    DealId new_deal() {
        Deal d;
        d.customer_id = customer;
        d.title = "100 licences";
        d.pipeline_id = "sales";
        d.value = parse_money("12000", "EUR");
        d.owner = "maryam";
        return ws.deals().create(d);
    }
};

TEST_F(DealStoreTest, MovesThroughStagesWithFullHistory) {
    const DealId id = new_deal();
    ws.deals().move(id, "proposal", "maryam", *parse_time("2026-11-02"));
    ws.deals().move(id, "won", "ali", *parse_time("2026-11-20"));
    const Deal d = ws.deals().get(id);
    EXPECT_EQ(d.stage_id, "won");
    ASSERT_EQ(d.history.size(), 3u);
    EXPECT_EQ(d.history[0].to_stage, "lead");
    EXPECT_EQ(d.history[1].from_stage, "lead");
    EXPECT_EQ(d.history[2].by, "ali");
    const auto won =
        ws.event_log().read_after(0, 10, "DealStageChanged").back().as<events::DealStageChanged>();
    EXPECT_TRUE(won.won);
    EXPECT_EQ(won.from_stage, "proposal");
}

TEST_F(DealStoreTest, RefusesUnknownStagesAndMovesOutOfClosedDeals) {
    const DealId id = new_deal();
    EXPECT_THROW(ws.deals().move(id, "nowhere", "x", now()), UserError);
    ws.deals().move(id, "lost", "x", now());
    try {
        ws.deals().move(id, "proposal", "x", now());
        FAIL();
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("closed"), std::string::npos) << e.what();
    }
    Deal other;
    other.customer_id = customer;
    other.title = "x";
    other.pipeline_id = "no-such-pipeline";
    other.value = parse_money("1", "EUR");
    EXPECT_THROW(ws.deals().create(other), UserError);
    EXPECT_EQ(ws.deals().list({}).size(), 1u);
}

TEST_F(DealStoreTest, OrdersKeepMoneyExactAndExternalIdsUnique) {
    Order o;
    o.customer_id = customer;
    o.external_id = "INV-1001";
    o.total = parse_money("19.99", "EUR");
    o.lines = {{"SKU-1", "Mug", 2, 500, "kitchen"}, {"SKU-2", "Tea", 1, 999}};
    const OrderId id = ws.orders().add(o);
    const Order stored = ws.orders().get(id);
    EXPECT_EQ(stored.total.minor_units, 1999);
    EXPECT_EQ(stored.lines, o.lines);
    EXPECT_THROW(ws.orders().add(o), UserError);
    o.external_id = "INV-1002";
    o.customer_id = 424242;
    EXPECT_THROW(ws.orders().add(o), NotFound);
    EXPECT_EQ(rows("orders"), 1);
    EXPECT_EQ(rows("order_lines"), 2);
}

TEST_F(DealStoreTest, AnOrderIsCancelledOnceWithItsEvent) {
    Order o;
    o.customer_id = customer;
    o.total = parse_money("19.99", "EUR");
    const OrderId id = ws.orders().add(o);
    ws.orders().cancel(id, *parse_time("2026-03-04T05:06:07Z"));
    EXPECT_TRUE(ws.orders().get(id).cancelled);
    const auto cancelled = ws.event_log().read_after(0, 100, "OrderCancelled");
    ASSERT_EQ(cancelled.size(), 1u);
    const auto event = cancelled[0].as<events::OrderCancelled>();
    EXPECT_EQ(event.order_id, id);
    EXPECT_EQ(event.customer_id, customer);
    EXPECT_EQ(event.at, to_unix(*parse_time("2026-03-04T05:06:07Z")));

    try {
        ws.orders().cancel(id, now());
        FAIL() << "a second cancel must be refused";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "order #1 is already cancelled; there is nothing to undo");
    }
    EXPECT_THROW(ws.orders().cancel(4242, now()), NotFound);
    EXPECT_EQ(ws.event_log().read_after(0, 100, "OrderCancelled").size(), 1u);
}

TEST_F(DealStoreTest, AnOrderIsRefundedInPartsUpToItsTotal) {
    Order o;
    o.customer_id = customer;
    o.total = parse_money("20.00", "EUR");
    const OrderId id = ws.orders().add(o);
    ws.orders().refund(id, parse_money("5.00", "EUR"), *parse_time("2026-03-04"));
    ws.orders().refund(id, parse_money("15.00", "EUR"), *parse_time("2026-03-05"));
    EXPECT_EQ(ws.orders().get(id).refunded_minor, 2000);
    const auto refunds = ws.event_log().read_after(0, 100, "OrderRefunded");
    ASSERT_EQ(refunds.size(), 2u);
    const auto last = refunds[1].as<events::OrderRefunded>();
    EXPECT_EQ(last.amount_minor, 1500);
    EXPECT_EQ(last.refunded_minor, 2000);
    EXPECT_EQ(last.total_minor, 2000);
    EXPECT_EQ(last.customer_id, customer);
    EXPECT_EQ(last.at, to_unix(*parse_time("2026-03-05")));

    try {
        ws.orders().refund(id, parse_money("0.01", "EUR"), now());
        FAIL() << "more than the total must be refused";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(),
                     "order #1 has 0.00 EUR left to refund of 20.00 EUR; a refund must be more "
                     "than zero and at most that, not 0.01 EUR");
    }
    EXPECT_THROW(ws.orders().refund(id, parse_money("1", "USD"), now()), UserError);
    const OrderId other = ws.orders().add(o);
    ws.orders().cancel(other, now());
    EXPECT_THROW(ws.orders().refund(other, parse_money("1", "EUR"), now()), UserError);
    EXPECT_EQ(ws.event_log().read_after(0, 100, "OrderRefunded").size(), 2u);
}

TEST_F(DealStoreTest, TasksCompleteOnceAndListOpenOnesByDueDate) {
    const TaskId later = ws.tasks().add(
        {.title = "send contract", .due = parse_time("2026-12-10"), .deal_id = new_deal()});
    const TaskId sooner = ws.tasks().add(
        {.title = "call back", .due = parse_time("2026-12-01"), .customer_id = customer});
    const TaskId undated = ws.tasks().add({.title = "say thanks"});
    auto open = ws.tasks().list({});
    ASSERT_EQ(open.size(), 3u);
    EXPECT_EQ(open[0].id, sooner);
    EXPECT_EQ(open[1].id, later);
    EXPECT_EQ(open[2].id, undated);
    ws.tasks().complete(sooner, now());
    EXPECT_THROW(ws.tasks().complete(sooner, now()), UserError);
    EXPECT_EQ(ws.tasks().list({}).size(), 2u);
    EXPECT_EQ(ws.tasks().list({.include_done = true}).size(), 3u);
    EXPECT_THROW(ws.tasks().add({.title = "x", .customer_id = 999}), NotFound);
    Customer other;
    other.name = "Someone Else";
    const CustomerId stranger = ws.customers().create(other);
    EXPECT_THROW(ws.tasks().add({.title = "x", .customer_id = stranger, .deal_id = new_deal()}),
                 UserError);
}

}  // namespace
}  // namespace moshtari
