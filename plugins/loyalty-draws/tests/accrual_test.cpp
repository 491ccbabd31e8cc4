// Entries from orders (one at a time and an import's batch), refunds and cancellations, referrals,
// draws created after their window began, entries by hand, and the list frozen at commitment.

#include <fmt/format.h>

#include "accrual.hpp"
#include "draws_fixture.hpp"
#include "moshtari/bulk_writer.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"

namespace moshtari::draws::testing {
namespace {

using Tickets = std::map<CustomerId, std::int64_t>;

TEST_F(DrawsTest, OrdersOverTheThresholdEnterByTheirNetTotal) {
    create("october");
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    place_order(ada, 2500, at("2026-10-03T10:00:00Z"));           // 2 tickets
    place_order(ada, 1999, at("2026-10-04T10:00:00Z"));           // below the minimum
    place_order(bob, 9000, at("2026-10-05T10:00:00Z"));           // 9, capped at 3
    place_order(bob, 5000, at("2026-10-05T11:00:00Z"), "USD");    // another currency
    place_order(bob, 5000, at("2026-09-30T23:59:59Z"));           // before the window
    place_order(bob, 5000, at("2026-11-01T00:00:00Z"));           // the end is exclusive
    place_order(std::nullopt, 5000, at("2026-10-06T10:00:00Z"));  // a guest order
    run_worker();
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 2}, {bob, 3}}));
    run_worker();
    EXPECT_EQ(count("loyalty_draws_entries"), 2) << "a second pass changes nothing";
}

TEST_F(DrawsTest, AnImportedBatchEntersInOneSetBasedPass) {
    create("october");
    std::vector<CustomerId> customers;
    for (int i = 0; i < 3; ++i) customers.push_back(add_customer(fmt::format("C{}", i)));
    {
        Transaction tx(db());
        auto writer = make_bulk_writer(db(), 16);
        OrderId first = 0, last = 0;
        for (int i = 0; i < 30; ++i) {
            Order o;
            o.customer_id = customers[i % 3];
            o.total = Money{1500 + i * 100, "EUR"};  // 15.00 .. 44.00
            o.at = kFrom + std::chrono::hours(i);
            o.cancelled = i == 29;  // imported already cancelled
            last = writer->add_order(o).value();
            if (first == 0) first = last;
        }
        w().event_log().append(events::OrdersImported{first, last, 30, 0});
        tx.commit();
    }
    run_worker();
    Tickets expected;
    for (int i = 0; i < 29; ++i) {
        expected[customers[i % 3]] += settings_.orders.entries_for(1500 + i * 100);
    }
    EXPECT_EQ(tickets("october"), expected);
    EXPECT_EQ(count("loyalty_draws_entries"), 24) << "orders 5..28 qualify";
}

TEST_F(DrawsTest, CancellingAnOrderRemovesItsEntriesAndARefundLowersThem) {
    create("october");
    const CustomerId ada = add_customer("Ada");
    const OrderId big = place_order(ada, 4000, at("2026-10-03T10:00:00Z"));
    const OrderId other = place_order(ada, 2000, at("2026-10-04T10:00:00Z"));
    run_worker();
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 5}}));
    w().orders().refund(big, Money{1500, "EUR"});  // 25.00 left: 2 tickets
    run_worker();
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 4}}));
    w().orders().refund(big, Money{1000, "EUR"});  // 15.00 left: below the minimum
    w().orders().cancel(other);
    run_worker();
    EXPECT_EQ(tickets("october"), Tickets{});
}

TEST_F(DrawsTest, ReferralsOfTheConfiguredKindEnter) {
    create("october");
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    log(ada, "referral", at("2026-10-10T10:00:00Z"));
    log(ada, "referral", at("2026-10-11T10:00:00Z"));
    log(bob, "call", at("2026-10-10T10:00:00Z"));
    log(bob, "referral", at("2026-11-02T10:00:00Z"));  // after the window
    run_worker();
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 4}}));
}

TEST_F(DrawsTest, ADrawCreatedLateCountsWhatItsWindowAlreadyHadOnce) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 3000, at("2026-10-03T10:00:00Z"));
    log(ada, "referral", at("2026-10-04T10:00:00Z"));
    run_worker();  // before the draw exists
    create("october");
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 5}}));
    const OrderId later = place_order(ada, 2000, at("2026-10-05T10:00:00Z"));
    create("also-october");  // sees the order before the worker does
    run_worker();
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 7}}));
    EXPECT_EQ(tickets("also-october"), (Tickets{{ada, 7}})) << "the worker adds nothing twice";
    EXPECT_EQ(count("loyalty_draws_entries", fmt::format("order_id = {}", later)), 2);
}

TEST_F(DrawsTest, TheCommittedListNoLongerChanges) {
    const Draw draw = create("october");
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 3000, at("2026-10-03T10:00:00Z"));
    run_worker();
    const Draw committed = close_draw(w(), "october", "", now());
    EXPECT_EQ(committed.entry_lines, 1);
    EXPECT_EQ(committed.tickets, 3);
    EXPECT_EQ(committed.customers, 1);
    const std::string list = DrawStore(db()).committed_list(draw.id);
    EXPECT_EQ(
        list,
        fmt::format("{} {} 3\n",
                    db().sql().execAndGet("SELECT id FROM loyalty_draws_entries").getInt64(), ada));
    w().orders().cancel(order);
    place_order(ada, 3000, at("2026-10-04T10:00:00Z"));
    run_worker();
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 3}}));
    EXPECT_EQ(DrawStore(db()).committed_list(draw.id), list);
    EXPECT_THROW(close_draw(w(), "october", "", now()), UserError) << "committed once";
}

TEST_F(DrawsTest, ADrawIsClosedOnlyAfterItsWindow) {
    create_draw(
        w(), settings_,
        {"later", now() - std::chrono::days(1), now() + std::chrono::days(1), 1, {}, "test"},
        now());
    try {
        close_draw(w(), "later", "", now());
        FAIL() << "closed before its window ended";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("close it after that"), std::string::npos) << e.what();
    }
}

TEST_F(DrawsTest, EntriesByHandAreOncePerReferenceWithinTheWindow) {
    create("october");
    const CustomerId ada = add_customer("Ada");
    const Entry entry =
        enter(w(), {"october", ada, 1, "", "asked by post", "maria", at("2026-10-20T09:00:00Z")});
    EXPECT_EQ(entry.source, fmt::format("manual:no-purchase:{}", ada));
    EXPECT_THROW(enter(w(), {"october", ada, 1, "", "", "maria", at("2026-10-21T09:00:00Z")}),
                 UserError)
        << "the no-purchase entry is given once";
    enter(w(),
          {"october", ada, 5, "contest-photo", "best photo", "maria", at("2026-10-21T09:00:00Z")});
    EXPECT_EQ(tickets("october"), (Tickets{{ada, 6}}));
    EXPECT_THROW(enter(w(), {"october", ada, 1, "late", "", "maria", kTo}), UserError);
    EXPECT_THROW(enter(w(), {"october", ada, 1000001, "many", "", "maria", kFrom}), UserError);
    EXPECT_THROW(enter(w(), {"october", 999, 1, "ghost", "", "maria", kFrom}), NotFound);
    EXPECT_THROW(enter(w(), {"december", ada, 1, "", "", "maria", kFrom}), NotFound);
    close_draw(w(), "october", "", now());
    EXPECT_THROW(enter(w(), {"october", ada, 1, "after", "", "maria", kFrom}), UserError);
    EXPECT_EQ(count("events", "type = 'DrawEntryAdded'"), 2);
}

TEST_F(DrawsTest, DrawRequestsAreChecked) {
    const auto refused = [&](NewDraw request, const std::string& message) {
        try {
            create_draw(w(), settings_, request, now());
            ADD_FAILURE() << "accepted " << request.name;
        } catch (const UserError& e) {
            EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
        }
    };
    refused({"has space", kFrom, kTo, 1, {}, ""}, "not a usable draw name");
    refused({"backwards", kTo, kFrom, 1, {}, ""}, "must end after it starts");
    refused({"prizes", kFrom, kTo, 3, {"a", "b"}, ""}, "2 prizes for 3 winners");
    create("october");
    refused({"october", kFrom, kTo, 1, {}, ""}, "already a draw 'october'");
}

}  // namespace
}  // namespace moshtari::draws::testing
