// Export, erasure and merging of customers cover the plugin's standings and history.

#include "moshtari/customer_merge_store.hpp"
#include "moshtari/privacy_store.hpp"
#include "tiers_fixture.hpp"

namespace moshtari::tiers::testing {
namespace {

using PersonalData = TiersTest;

TEST_F(PersonalData, ExportHoldsTheStandingAndEveryChange) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 10000);
    run_worker();
    place_order(ada, 15000);
    run_worker();
    const auto exported = w().privacy().export_personal(ada, "test")["plugins"]["loyalty-tiers"];
    const auto& status = exported["status"];
    EXPECT_EQ(status["tier"], "silver");
    EXPECT_EQ(status["qualifying"], 25000);
    EXPECT_EQ(status["grace_ends_at"], nullptr);
    ASSERT_EQ(status["history"].size(), 2u);
    EXPECT_EQ(status["history"][0]["to"], "bronze");
    EXPECT_EQ(status["history"][1]["from"], "bronze");
    EXPECT_EQ(status["history"][1]["to"], "silver");
}

TEST_F(PersonalData, ErasureRemovesStandingAndHistory) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bo = add_customer("Bo");
    place_order(ada, 60000);
    place_order(bo, 60000);
    run_worker();
    w().privacy().erase(ada, "test");
    EXPECT_EQ(count("loyalty_tiers_members", fmt::format("customer_id = {}", ada)), 0);
    EXPECT_EQ(count("loyalty_tiers_history", fmt::format("customer_id = {}", ada)), 0);
    EXPECT_EQ(tier(bo), "gold") << "the other customer keeps theirs";
    // The kept guest orders no longer qualify anyone.
    run_worker(1);
    EXPECT_EQ(count("loyalty_tiers_members"), 1);
}

TEST_F(PersonalData, MergingRequalifiesTheSurvivorWithBothCustomersOrders) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId twin = add_customer("Ada L.");
    place_order(ada, 15000);
    place_order(twin, 40000);
    run_worker();
    ASSERT_EQ(tier(ada), "bronze");
    ASSERT_EQ(tier(twin), "silver");
    w().merges().merge(ada, twin, "test");
    EXPECT_EQ(tier(ada), "gold") << "550.00 EUR together";
    EXPECT_EQ(member(ada)->qualifying, 55000);
    EXPECT_EQ(count("loyalty_tiers_members", fmt::format("customer_id = {}", twin)), 0);
    const auto history = history_of(db(), ada);
    ASSERT_EQ(history.size(), 3u) << "the twin's history moved to the survivor";
    EXPECT_EQ(history[2].from, "bronze");
    EXPECT_EQ(history[2].to, "gold");
    EXPECT_EQ(history[2].reason, fmt::format("merge:{}", twin));
    EXPECT_EQ(tier_events().back().to_tier, "gold");
}

TEST_F(PersonalData, AMergedCustomersStandingMovesWhenTheSurvivorHasNone) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId twin = add_customer("Ada L.");
    place_order(twin, 60000);
    run_worker();
    w().merges().merge(ada, twin, "test");
    EXPECT_EQ(tier(ada), "gold");
    EXPECT_EQ(history_of(db(), ada).size(), 1u) << "gold moved with the orders: no new change";
}

}  // namespace
}  // namespace moshtari::tiers::testing
