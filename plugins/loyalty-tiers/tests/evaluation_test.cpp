// Evaluation through the real host and worker: promotions on orders and imported batches,
// demotion only after the grace period, refunds and cancellations, the rolling window,
// idempotency, TierChanged events and the benefits view.

#include "evaluation.hpp"
#include "moshtari/bulk_writer.hpp"
#include "moshtari/plugin_host.hpp"
#include "moshtari/transaction.hpp"
#include "schema.hpp"
#include "tiers_fixture.hpp"

namespace moshtari::tiers::testing {
namespace {

using Evaluation_ = TiersTest;

TEST_F(Evaluation_, AnOrderPromotesAtOnceAndTheEventCarriesTheBenefits) {
    const CustomerId ada = add_customer("Ada");
    const OrderId first = place_order(ada, 12000);
    run_worker();
    EXPECT_EQ(tier(ada), "bronze");
    EXPECT_EQ(member(ada)->qualifying, 12000);

    const OrderId second = place_order(ada, 40000);
    run_worker();
    EXPECT_EQ(tier(ada), "gold") << "520.00 EUR reaches gold, past silver, at once";
    EXPECT_EQ(member(ada)->qualifying, 52000);
    EXPECT_FALSE(member(ada)->standing.grace_ends);

    const auto history = history_of(db(), ada);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].from, "");
    EXPECT_EQ(history[0].to, "bronze");
    EXPECT_EQ(history[0].reason, fmt::format("order:{}", first));
    EXPECT_EQ(history[1].from, "bronze");
    EXPECT_EQ(history[1].to, "gold");
    EXPECT_EQ(history[1].reason, fmt::format("order:{}", second));
    EXPECT_EQ(history[1].qualifying, 52000);

    const auto changes = tier_events();
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[1].customer_id, ada);
    EXPECT_EQ(changes[1].programme, "status");
    EXPECT_EQ(changes[1].from_tier, "bronze");
    EXPECT_EQ(changes[1].to_tier, "gold");
    EXPECT_TRUE(changes[1].promoted);
    EXPECT_EQ(changes[1].reason, fmt::format("order:{}", second));
    EXPECT_EQ(changes[1].benefits["earn_multiplier"], "1.5");
    EXPECT_EQ(changes[1].benefits["discount_percent"], "10");
    EXPECT_EQ(changes[1].benefits["free_shipping"], true);
    EXPECT_EQ(changes[1].benefits["priority_support"], true);
    EXPECT_EQ(changes[1].benefits["delivery_days"], 1);
    EXPECT_EQ(changes[1].benefits["extra"]["lounge"], "yes");
}

TEST_F(Evaluation_, GuestOrdersAndOtherCurrenciesQualifyNobody) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 90000, now(), "USD");
    Order guest;
    guest.total = Money{90000, "EUR"};
    guest.at = now();
    w().orders().add(guest);
    run_worker();
    EXPECT_EQ(tier(ada), "bronze");
    EXPECT_EQ(member(ada)->qualifying, 0);
}

TEST_F(Evaluation_, AnImportedBatchIsEvaluatedOnceForEachOfItsCustomers) {
    const std::vector<CustomerId> customers{add_customer("Ada"), add_customer("Bo"),
                                            add_customer("Cy")};
    const CustomerId untouched = add_customer("Di");
    OrderId first = 0, last = 0;
    {
        Transaction tx(db());
        auto writer = make_bulk_writer(db(), 16);
        for (int i = 0; i < 30; ++i) {
            Order o;
            o.customer_id = customers[static_cast<std::size_t>(i % 3)];
            // Ada's ten orders come to 600.00, Bo's to 250.00, Cy's to 100.00 (one cancelled).
            o.total = Money{i % 3 == 0 ? 6000 : i % 3 == 1 ? 2500 : 1000, "EUR"};
            o.cancelled = i == 29;
            o.at = days_ago(100) + std::chrono::hours(i);
            last = writer->add_order(o).value();
            if (first == 0) first = last;
        }
        w().event_log().append(events::OrdersImported{first, last, 30, 0});
        tx.commit();
    }
    run_worker();
    EXPECT_EQ(tier(customers[0]), "gold");
    EXPECT_EQ(tier(customers[1]), "silver");
    EXPECT_EQ(tier(customers[2]), "bronze");
    EXPECT_EQ(member(customers[2])->qualifying, 9000);
    EXPECT_EQ(tier(untouched), "(none)") << "a customer without orders is not evaluated";
    const std::string reason = fmt::format("import:{}-{}", first, last);
    EXPECT_EQ(count("loyalty_tiers_history", "reason = '" + reason + "'"), 3)
        << "one change per customer of the batch, not one per order";
    EXPECT_EQ(tier_events().size(), 3u);
}

TEST_F(Evaluation_, DemotionWaitsForTheEndOfTheGracePeriod) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 60000, days_ago(350));
    run_worker();
    ASSERT_EQ(tier(ada), "gold");

    // Twenty days on, the order has left the 365-day window: grace begins, the tier stays.
    run_worker(20);
    auto standing = member(ada)->standing;
    EXPECT_EQ(standing.tier, "gold");
    ASSERT_TRUE(standing.grace_ends);
    const auto grace_ends = *standing.grace_ends;
    EXPECT_GT(grace_ends, now() + std::chrono::days{49});
    EXPECT_LE(grace_ends, now() + std::chrono::days{50});
    EXPECT_EQ(member(ada)->qualifying, 0);

    run_worker(49);
    EXPECT_EQ(tier(ada), "gold") << "grace is not over on day 49";
    EXPECT_EQ(member(ada)->standing.grace_ends, grace_ends) << "grace does not start again";

    run_worker(51);
    EXPECT_EQ(tier(ada), "bronze") << "demoted straight to the tier reached";
    EXPECT_FALSE(member(ada)->standing.grace_ends);
    const auto changes = tier_events();
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_FALSE(changes[1].promoted);
    EXPECT_EQ(changes[1].from_tier, "gold");
    EXPECT_EQ(changes[1].to_tier, "bronze");
    EXPECT_EQ(changes[1].reason.substr(0, 6), "daily:");
    EXPECT_EQ(changes[1].benefits["earn_multiplier"], "1");
}

TEST_F(Evaluation_, ReachingTheTierAgainDuringGraceEndsTheGrace) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 25000, days_ago(360));
    run_worker();
    ASSERT_EQ(tier(ada), "silver");
    run_worker(10);
    ASSERT_TRUE(member(ada)->standing.grace_ends);
    // The order is evaluated as of day 10, the customer's latest evaluation, so it counts at once.
    place_order(ada, 20000);
    run_worker(10);
    EXPECT_EQ(tier(ada), "silver");
    EXPECT_FALSE(member(ada)->standing.grace_ends);
    run_worker(60);
    EXPECT_EQ(tier(ada), "silver") << "no demotion once the grace ended by qualifying again";
    EXPECT_EQ(history_of(db(), ada).size(), 1u);
}

TEST_F(Evaluation_, RefundsAndCancellationsLowerTheValueAndDemotionStillWaits) {
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 30000);
    const OrderId small = place_order(ada, 5000);
    run_worker();
    ASSERT_EQ(tier(ada), "silver");
    EXPECT_EQ(member(ada)->qualifying, 35000);

    w().orders().refund(order, Money{20000, "EUR"});
    run_worker();
    EXPECT_EQ(member(ada)->qualifying, 15000) << "refunds come off the spend";
    EXPECT_EQ(tier(ada), "silver") << "a refund starts grace; it does not demote";
    ASSERT_TRUE(member(ada)->standing.grace_ends);

    w().orders().cancel(small);
    run_worker();
    EXPECT_EQ(member(ada)->qualifying, 10000) << "a cancelled order does not count";

    run_worker(31);
    EXPECT_EQ(tier(ada), "bronze");
    const auto history = history_of(db(), ada);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].from, "silver");
    EXPECT_EQ(history[1].to, "bronze");
    EXPECT_EQ(history[1].qualifying, 10000);
}

TEST_F(Evaluation_, TheWindowLeavesOutOrdersOlderThanItsDays) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 90000, days_ago(366));
    place_order(ada, 21000, days_ago(300));
    run_worker();
    // Each order was evaluated as of its own time, when the large one was in the window; today's
    // evaluation no longer counts it.
    EXPECT_EQ(member(ada)->qualifying, 21000);
    EXPECT_EQ(tier(ada), "gold");
    ASSERT_TRUE(member(ada)->standing.grace_ends);
    run_worker(31);
    EXPECT_EQ(tier(ada), "silver");
    const auto history = history_of(db(), ada);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].to, "gold");
    EXPECT_EQ(history[0].qualifying, 90000);
    EXPECT_EQ(history[1].to, "silver");
    EXPECT_EQ(history[1].qualifying, 21000);
}

TEST_F(Evaluation_, TheSameEventTwiceChangesNothing) {
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 55000, days_ago(360));
    run_worker();
    const auto placed = w().event_log().read_after(0, 1000, events::OrderPlaced::kType);
    ASSERT_EQ(placed.size(), 1u);
    const auto before_events = tier_events().size();
    const auto again = evaluate(w(), programme(), placed[0].at, Scope::of_customer(ada),
                                fmt::format("order:{}", order));
    EXPECT_TRUE(again.outcomes.empty());
    EXPECT_EQ(tier_events().size(), before_events);
    EXPECT_EQ(history_of(db(), ada).size(), 1u);

    // The same daily evaluation twice: grace begins once, with the same end.
    const Timestamp day = now() + std::chrono::days{10};
    const auto first = evaluate(w(), programme(), day, Scope::everyone(), "daily:x");
    ASSERT_EQ(first.outcomes.size(), 1u);
    EXPECT_EQ(first.outcomes[0].change, Change::grace_started);
    const auto grace = member(ada)->standing.grace_ends;
    const auto second = evaluate(w(), programme(), day, Scope::everyone(), "daily:x");
    EXPECT_TRUE(second.outcomes.empty());
    EXPECT_EQ(member(ada)->standing.grace_ends, grace);

    // An evaluation as of an earlier time leaves the later standing alone.
    const auto earlier =
        evaluate(w(), programme(), day - std::chrono::days{1}, Scope::everyone(), "evaluate");
    EXPECT_EQ(earlier.skipped, 1u);
    EXPECT_EQ(earlier.evaluated, 0u);
    EXPECT_EQ(w().run_worker_pass(now()), 0u) << "nothing left to deliver";
}

TEST_F(Evaluation_, ADryRunWritesNothing) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 55000);
    const auto preview = evaluate(w(), programme(), now(), Scope::everyone(), "evaluate", true);
    ASSERT_EQ(preview.outcomes.size(), 1u);
    EXPECT_EQ(preview.outcomes[0].to, "gold");
    EXPECT_EQ(count("loyalty_tiers_members"), 0);
    EXPECT_EQ(count("loyalty_tiers_history"), 0);
    EXPECT_TRUE(tier_events().empty());
}

TEST_F(Evaluation_, StandingsHistoryAndEventsCommitOrRollBackWithTheCallersTransaction) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 55000);
    {
        // As inside the dispatcher's transaction, when the cursor's update then fails.
        Transaction outer(db());
        const auto result = evaluate(w(), programme(), now(), Scope::everyone(), "evaluate");
        ASSERT_EQ(result.outcomes.size(), 1u);
        EXPECT_EQ(count("loyalty_tiers_members"), 1);
    }
    EXPECT_EQ(count("loyalty_tiers_members"), 0);
    EXPECT_EQ(count("loyalty_tiers_history"), 0);
    EXPECT_TRUE(tier_events().empty());
    evaluate(w(), programme(), now(), Scope::everyone(), "evaluate");
    EXPECT_EQ(count("loyalty_tiers_members"), 1);
    EXPECT_EQ(count("loyalty_tiers_history"), 1);
    EXPECT_EQ(tier_events().size(), 1u);
}

TEST_F(Evaluation_, TheBenefitsViewShowsEachCustomersCurrentTier) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bo = add_customer("Bo");
    place_order(ada, 60000);
    place_order(bo, 20000);
    run_worker();
    SQLite::Statement view(db().sql(), R"sql(
SELECT customer_id, programme, tier, earn_multiplier, discount_percent, free_shipping,
       priority_support, delivery_days, extra
FROM loyalty_tiers_current_benefits ORDER BY customer_id)sql");
    ASSERT_TRUE(view.executeStep());
    EXPECT_EQ(view.getColumn(0).getInt64(), ada);
    EXPECT_EQ(view.getColumn(1).getString(), "status");
    EXPECT_EQ(view.getColumn(2).getString(), "gold");
    EXPECT_EQ(view.getColumn(3).getString(), "1.5");
    EXPECT_EQ(view.getColumn(4).getString(), "10");
    EXPECT_EQ(view.getColumn(5).getInt(), 1);
    EXPECT_EQ(view.getColumn(6).getInt(), 1);
    EXPECT_EQ(view.getColumn(7).getInt(), 1);
    EXPECT_EQ(nlohmann::json::parse(view.getColumn(8).getString())["lounge"], "yes");
    ASSERT_TRUE(view.executeStep());
    EXPECT_EQ(view.getColumn(2).getString(), "silver");
    EXPECT_EQ(view.getColumn(3).getString(), "1.25");
    EXPECT_EQ(view.getColumn(5).getInt(), 0);
    EXPECT_EQ(view.getColumn(7).getInt(), 3);
    EXPECT_FALSE(view.executeStep());

    // A changed configuration rewrites the tiers behind the view.
    Settings changed = settings_;
    changed.programmes[0].tiers[2].benefits.earn_multiplier = "2";
    sync_catalogue(db(), changed);
    EXPECT_EQ(db().sql()
                  .execAndGet("SELECT earn_multiplier FROM loyalty_tiers_current_benefits "
                              "WHERE tier = 'gold'")
                  .getString(),
              "2");
}

constexpr const char* kPointsTiers = R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {points_per_unit: 1}
loyalty-tiers:
  programmes:
    - id: club
      currency: EUR
      by: points
      points_programme: points
      window_days: 365
      grace_days: 0
      tiers:
        - {id: member, threshold: 100}
        - {id: insider, threshold: 300, benefits: {free_shipping: true}}
)yaml";

class ByPoints : public TiersTest {
  protected:
    ByPoints() : TiersTest(kPointsTiers, {"loyalty-points", "loyalty-tiers"}) {}
};

TEST_F(ByPoints, PointsEarnedInTheWindowQualifyLessWhatReversalsTook) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 5000);
    run_worker();
    EXPECT_FALSE(find_member(db(), "club", ada)) << "50 points reach no tier: no standing yet";
    const OrderId big = place_order(ada, 30000);
    run_worker();
    EXPECT_EQ(find_member(db(), "club", ada)->standing.tier, "insider");
    EXPECT_EQ(find_member(db(), "club", ada)->qualifying, 350);
    w().orders().cancel(big);
    run_worker();
    EXPECT_EQ(find_member(db(), "club", ada)->qualifying, 50);
    EXPECT_EQ(find_member(db(), "club", ada)->standing.tier, "")
        << "grace_days: 0 demotes at once, below the lowest tier";
    EXPECT_EQ(count("loyalty_tiers_current_benefits"), 0);
}

TEST(PointsWithoutLoyaltyPoints, ThePluginRefusesToStartAndSaysWhatToDo) {
    moshtari::testing::TestWorkspace ws(
        {MOSHTARI_PLUGIN_DIR},
        std::string(kPointsTiers).substr(std::string(kPointsTiers).find("loyalty-tiers:")),
        {"loyalty-tiers"});
    const PluginInfo* info = ws->plugins().find("loyalty-tiers");
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->state, PluginState::failed);
    EXPECT_NE(info->error.find("enable the loyalty-points plugin, or qualify by spend"),
              std::string::npos)
        << info->error;
}

}  // namespace
}  // namespace moshtari::tiers::testing
