// Earning, redemption, expiry, reversal and personal data through the real plugin in the real host.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "account.hpp"
#include "earning.hpp"
#include "expiry.hpp"
#include "loyalty_fixture.hpp"
#include "moshtari/bulk_writer.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/privacy_store.hpp"
#include "moshtari/transaction.hpp"
#include "reversal.hpp"

namespace moshtari::loyalty::testing {
namespace {

class Ledgers : public LoyaltyTest {};

Redemption spend(CustomerId customer, std::int64_t points, std::string reference, Timestamp when) {
    return {customer, points, std::move(reference), "test", when};
}

TEST_F(Ledgers, AnOrderEarnsOnceThroughTheWorkerWhateverRestarts) {
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 12550, at("2026-11-01"));  // 125.50 EUR
    place_order(ada, 990, at("2026-11-02"), "JPY");                   // another currency: nothing
    run_worker();
    ASSERT_EQ(entries(ada).size(), 1u);
    EXPECT_EQ(entries(ada)[0].cause, fmt::format("order:{}", order));
    EXPECT_EQ(entries(ada)[0].points, 125);
    EXPECT_EQ(entries(ada)[0].expires_at, at("2026-12-01"));

    // The same order processed again (a replayed event, a second worker) earns nothing more.
    EXPECT_EQ(earn_for_orders(db(), programme(), order, order), 0u);
    ws_->reopen();
    run_worker();
    EXPECT_EQ(balance(ada), 125);
    // And not by a check alone: the ledger refuses a second entry with the same cause.
    Entry twin = entries(ada)[0];
    Transaction tx(db());
    SQLite::Statement insert(db().sql(),
                             "INSERT INTO loyalty_points_ledger (programme, customer_id, kind, "
                             "cause, points, at, recorded_at) VALUES ('points', ?, 'earn', ?, 5, "
                             "0, 0)");
    insert.bind(1, static_cast<int64_t>(ada));
    insert.bind(2, twin.cause);
    EXPECT_THROW(insert.exec(), SQLite::Exception);
}

TEST_F(Ledgers, TheLedgerIsAppendOnly) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 5000, at("2026-11-01"));
    run_worker();
    Transaction tx(db());
    EXPECT_THROW(db().sql().exec("UPDATE loyalty_points_ledger SET points = 1000"),
                 SQLite::Exception);
    EXPECT_EQ(balance(ada), 50);
}

TEST_F(Ledgers, AnImportedBatchEarnsInOneSetBasedPass) {
    std::vector<CustomerId> customers;
    for (int i = 0; i < 3; ++i) customers.push_back(add_customer(fmt::format("C{}", i)));
    OrderId first = 0, last = 0;
    {
        Transaction tx(db());
        auto writer = make_bulk_writer(db(), 16);
        for (int i = 0; i < 30; ++i) {
            Order o;
            o.customer_id = customers[i % 3];
            o.total = Money{1000 + i * 100, "EUR"};
            o.at = at("2026-10-01") + std::chrono::hours(i);
            o.cancelled = i == 29;  // imported already cancelled: earns nothing
            last = writer->add_order(o).value();
            if (first == 0) first = last;
        }
        w().event_log().append(events::OrdersImported{first, last, 30, 0});
        tx.commit();
    }
    run_worker();
    std::int64_t expected = 0;
    for (int i = 0; i < 29; ++i) expected += (1000 + i * 100) / 100;
    EXPECT_EQ(balance(customers[0]) + balance(customers[1]) + balance(customers[2]), expected);
    EXPECT_EQ(entries(customers[0]).size(), 10u);
    EXPECT_EQ(entries(customers[2]).size(), 9u);
}

class Bonuses : public LoyaltyTest {
  protected:
    Bonuses()
        : LoyaltyTest(R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn:
        points_per_unit: 1
        minimum_order: "5.00"
        tag_multipliers: {vip: 2}
        category_multipliers: {coffee: 3}
        cap_per_order: 150
      cap_per_period: 200
      period: month
      bonuses: {first_order: 50, birthday: 20, by_hand: {review: 10}}
)yaml") {}
};

TEST_F(Bonuses, FirstOrderMultipliersCapsAndMinimum) {
    const CustomerId ada = add_customer("Ada", {"vip"});
    const CustomerId bob = add_customer("Bob");
    place_order(ada, 4000, at("2026-10-03"));  // 40 EUR x2 = 80, and the first-order bonus
    place_order(ada, 9000, at("2026-10-05"));  // 180 capped at 150 per order, then 120 left
    place_order(ada, 9000, at("2026-10-07"));  // the month's cap of 200 is reached: nothing
    place_order(ada, 2000, at("2026-11-01"));  // a new month: 40
    place_order(bob, 499, at("2026-10-03"));   // below the minimum, but still the first order
    run_worker();
    std::vector<std::pair<std::string, std::int64_t>> got;
    for (const auto& e : entries(ada)) got.emplace_back(e.rule, e.points);
    const std::vector<std::pair<std::string, std::int64_t>> want{
        {"order", 80}, {"first_order", 50}, {"order", 120}, {"order", 40}};
    EXPECT_EQ(got, want);
    ASSERT_EQ(entries(bob).size(), 1u);
    EXPECT_EQ(entries(bob)[0].rule, "first_order");
}

TEST_F(Bonuses, ProductCategoriesMultiplyTheirLines) {
    const CustomerId cy = add_customer("Cy");
    Order o;
    o.customer_id = cy;
    o.total = Money{5000, "EUR"};
    o.at = at("2026-10-03");
    o.lines = {{"BEANS", "Beans", 2, 1000, "coffee"}, {"MUG", "Mug", 1, 3000, "kitchen"}};
    w().orders().add(o);
    run_worker();
    ASSERT_EQ(entries(cy).size(), 2u);
    EXPECT_EQ(entries(cy)[0].points, 20 * 3 + 30);
    EXPECT_EQ(entries(cy)[1].rule, "first_order");
}

TEST_F(Bonuses, ABonusByHandOncePerReferenceAndBirthdaysOnTheDailyTick) {
    Customer c;
    c.name = "Ada";
    c.birthday = parse_date("1990-06-15");
    const CustomerId ada = w().customers().create(c);
    const CustomerId bob = add_customer("Bob");
    place_order(ada, 1000, at("2026-01-10"));
    run_worker();
    const Entry review = award_bonus(db(), programme(), {ada, "review", "R-1", "test", now()});
    EXPECT_EQ(review.points, 10);
    EXPECT_THROW(award_bonus(db(), programme(), {ada, "review", "R-1", "test", now()}), UserError);
    try {
        award_bonus(db(), programme(), {ada, "referral", "F-1", "test", now()});
        FAIL();
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(),
                     "programme 'points' has no bonus 'referral' (it has review); add it under "
                     "bonuses.by_hand in moshtari.yaml");
    }
    EXPECT_EQ(award_birthdays(db(), programme(), *parse_date("2026-06-15")), 1u);
    EXPECT_EQ(award_birthdays(db(), programme(), *parse_date("2026-06-15")), 0u) << "once a year";
    // The worker's daily tick awards it on the day.
    w().run_worker_pass(at("2027-06-15T09:00:00Z"));
    EXPECT_EQ(award_birthdays(db(), programme(), *parse_date("2027-06-15")), 0u);
    EXPECT_EQ(entries(ada).back().cause, fmt::format("birthday:2027:{}", ada));
    EXPECT_EQ(entries(bob).size(), 0u);
    EXPECT_EQ(balance(ada), 10 + 50 + 10 + 20 + 20);
}

TEST_F(Ledgers, RedemptionIsAllOrNothingAndNeverBelowZero) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 10000, now() - std::chrono::days(1));
    run_worker();
    EXPECT_EQ(redeem(db(), programme(), spend(ada, 60, "cart-1", now())).points, -60);
    try {
        redeem(db(), programme(), spend(ada, 60, "cart-2", now()));
        FAIL();
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  fmt::format("customer #{} has 40 points in 'points', 20 short of the 60 asked; "
                              "nothing was redeemed",
                              ada));
    }
    EXPECT_THROW(redeem(db(), programme(), spend(ada, 10, "cart-1", now())), UserError)
        << "a reference is redeemed once";
    EXPECT_EQ(balance(ada), 40);
    EXPECT_EQ(entries(ada).size(), 2u);
}

TEST_F(Ledgers, ExpiryIsFirstInFirstOutIdempotentAndHasADryRun) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 10000, at("2026-01-01"));  // 100, expires 2026-01-31
    place_order(ada, 5000, at("2026-01-20"));   // 50, expires 2026-02-19
    run_worker();
    // Spending 120 on the 25th takes all of the first lot and 20 of the second.
    redeem(db(), programme(), spend(ada, 120, "r-1", at("2026-01-25")));
    EXPECT_TRUE(expire(db(), programme(), at("2026-02-18"), {}, false).empty());
    const auto dry = expire(db(), programme(), at("2026-03-01"), {}, true);
    ASSERT_EQ(dry.size(), 1u);
    EXPECT_EQ(dry[0].points, 30);
    EXPECT_EQ(dry[0].at, at("2026-02-19"));
    EXPECT_EQ(balance(ada), 30) << "a dry run writes nothing";
    EXPECT_EQ(expire(db(), programme(), at("2026-03-01"), {}, false).size(), 1u);
    EXPECT_TRUE(expire(db(), programme(), at("2026-03-01"), {}, false).empty()) << "idempotent";
    EXPECT_EQ(balance(ada), 0);

    // Points not spent in time expire before a later redemption can take them.
    const CustomerId bob = add_customer("Bob");
    place_order(bob, 10000, at("2026-01-01"));
    run_worker();
    EXPECT_THROW(redeem(db(), programme(), spend(bob, 10, "r-2", at("2026-02-05"))), UserError);
    EXPECT_EQ(balance(bob), 0) << "the redemption recorded the expiry before checking";
    ASSERT_EQ(entries(bob).size(), 2u);
    EXPECT_EQ(entries(bob)[1].kind, EntryKind::expire);
}

TEST_F(Ledgers, ACancelledOrderTakesBackItsPointsSpentOrNotClampedAtZero) {
    const CustomerId ada = add_customer("Ada");
    const OrderId big = place_order(ada, 10000, now() - std::chrono::days(2));
    place_order(ada, 3000, now() - std::chrono::days(1));
    run_worker();
    redeem(db(), programme(), spend(ada, 110, "r-1", now()));  // spends the big order's points
    w().orders().cancel(big, now());
    run_worker();
    EXPECT_EQ(balance(ada), 0) << "clamped at zero";
    const Entry reversal = entries(ada).back();
    EXPECT_EQ(reversal.kind, EntryKind::reverse);
    EXPECT_EQ(reversal.points, -20);
    EXPECT_EQ(reversal.shortfall, 80) << "what could not be taken back is recorded";
    reverse_cancelled(db(), programme(), big, now());
    EXPECT_EQ(entries(ada).size(), 4u) << "a cancellation reverses once";
}

TEST_F(Ledgers, PartialRefundsTakeBackInProportionAndAddUpToTheWhole) {
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 1000, now() - std::chrono::days(1));  // 10 points
    run_worker();
    for (const std::int64_t part : {333, 333, 334}) {
        w().orders().refund(order, Money{part, "EUR"}, now());
        run_worker();
    }
    std::vector<std::pair<std::string, std::int64_t>> got;
    for (const auto& e : entries(ada)) got.emplace_back(e.cause, e.points);
    const std::vector<std::pair<std::string, std::int64_t>> want{
        {fmt::format("order:{}", order), 10},
        {fmt::format("refund:{}:333", order), -3},
        {fmt::format("refund:{}:666", order), -3},
        {fmt::format("refund:{}:1000", order), -4}};
    EXPECT_EQ(got, want);
    EXPECT_EQ(balance(ada), 0);
    reverse_refunded(db(), programme(), order, 1000, 1000, now());
    EXPECT_EQ(entries(ada).size(), 4u) << "each refund reverses once";
}

class OwingBalance : public LoyaltyTest {
  protected:
    OwingBalance()
        : LoyaltyTest(R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {points_per_unit: 1}
      bonuses: {first_order: 5}
      negative_balance: allow
)yaml") {}
};

TEST_F(OwingBalance, AReversalOfSpentPointsLeavesTheCustomerOwing) {
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 10000, now() - std::chrono::days(1));
    run_worker();
    redeem(db(), programme(), spend(ada, 105, "r-1", now()));
    w().orders().cancel(order, now());
    run_worker();
    EXPECT_EQ(balance(ada), -105) << "the points and the first-order bonus it brought";
    EXPECT_EQ(entries(ada).back().shortfall, 0);
    place_order(ada, 20000, now());
    run_worker();
    EXPECT_EQ(balance(ada), 95);
}

TEST_F(Ledgers, PersonalDataIsExportedMergedAndErased) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId twin = add_customer("Ada L.");
    place_order(ada, 1000, now());
    place_order(twin, 2000, now());
    run_worker();
    const auto exported = w().privacy().export_personal(ada, "test");
    const auto& mine = exported["plugins"]["loyalty-points"]["points"];
    EXPECT_EQ(mine["balance"], 10);
    EXPECT_EQ(mine["entries"].size(), 1u);

    w().merges().merge(ada, twin, "test");
    EXPECT_EQ(balance(ada), 30);
    EXPECT_EQ(entries(twin).size(), 0u);

    w().privacy().erase(ada, "test");  // the default policy keeps orders: anonymised
    EXPECT_EQ(entries(ada).size(), 0u);
    const auto left = db().sql().execAndGet(
        "SELECT COUNT(*) || ':' || SUM(points) || ':' || MIN(cause) FROM loyalty_points_ledger "
        "WHERE customer_id IS NULL");
    EXPECT_EQ(left.getString(), "2:30:erased:1");
}

class ErasedWithOrders : public LoyaltyTest {
  protected:
    ErasedWithOrders()
        : LoyaltyTest(std::string(kBasicProgramme) + "privacy:\n  keep_orders: false\n") {}
};

TEST_F(ErasedWithOrders, ThePolicyThatDeletesOrdersDeletesTheLedgerToo) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    place_order(ada, 1000, now());
    place_order(bob, 2000, now());
    run_worker();
    w().privacy().erase(ada, "test");
    EXPECT_EQ(db().sql().execAndGet("SELECT COUNT(*) FROM loyalty_points_ledger").getInt(), 1);
    EXPECT_EQ(balance(bob), 20);
}

}  // namespace
}  // namespace moshtari::loyalty::testing
