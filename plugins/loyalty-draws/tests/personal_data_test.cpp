// The customer data rights through the core: an export lists a customer's entries and picks; an
// erasure removes their entries from open draws and anonymises them in committed ones, which still
// verify; a merge moves entries to the survivor.

#include <fmt/format.h>

#include "draws_fixture.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/privacy_store.hpp"
#include "run.hpp"
#include "verification.hpp"

namespace moshtari::draws::testing {
namespace {

TEST_F(DrawsTest, AnExportListsEntriesAndPicks) {
    const CustomerId ada = add_customer("Ada");
    place_order(ada, 2500, at("2026-10-02T10:00:00Z"));
    run_worker();
    create("october", 1, {"a grinder"});
    enter(w(), {"october", ada, 1, "", "asked by post", "maria", at("2026-10-20")});
    run_draw(w(), settings_, "october", "", now());
    const auto data = w().privacy().export_personal(ada, "test")["plugins"]["loyalty-draws"];
    ASSERT_EQ(data["entries"].size(), 2u) << data.dump();
    EXPECT_EQ(data["entries"][0]["draw"], "october");
    EXPECT_EQ(data["entries"][0]["entries"], 2);
    EXPECT_EQ(data["entries"][1]["source"], fmt::format("manual:no-purchase:{}", ada));
    EXPECT_EQ(data["entries"][1]["reason"], "asked by post");
    ASSERT_EQ(data["drawn"].size(), 1u);
    EXPECT_EQ(data["drawn"][0]["winner"], true);
    EXPECT_EQ(data["drawn"][0]["prize"], "a grinder");
}

TEST_F(DrawsTest, ErasureEmptiesOpenDrawsAndAnonymisesCommittedOnes) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    place_order(ada, 2500, at("2026-10-02T10:00:00Z"));
    place_order(bob, 2500, at("2026-10-03T10:00:00Z"));
    run_worker();
    create("drawn", 2);
    create("open-one");
    const RunResult result = run_draw(w(), settings_, "drawn", "", now());
    w().privacy().erase(ada, "test");
    EXPECT_EQ(count("loyalty_draws_entries", fmt::format("customer_id = {}", ada)), 0);
    EXPECT_EQ(tickets("open-one"), (std::map<CustomerId, std::int64_t>{{bob, 2}}))
        << "gone from the draw that is still open";
    EXPECT_EQ(count("loyalty_draws_entries", "customer_id IS NULL"), 1) << "kept, without a person";
    EXPECT_EQ(count("loyalty_draws_picks", "customer_id IS NULL"), 1);
    const DrawStore store(db());
    const Draw drawn = store.get("drawn");
    EXPECT_TRUE(
        verify(drawn, store.picks(drawn.id), store.committed_list(drawn.id), "list", drawn.seed)
            .ok())
        << "the published list and result still verify";
    EXPECT_EQ(
        w().privacy().export_personal(bob, "test")["plugins"]["loyalty-draws"]["drawn"].size(), 1u);
    EXPECT_EQ(result.picks.size(), 2u);
}

TEST_F(DrawsTest, ErasedBeforeTheRunTheyCannotWin) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    place_order(ada, 2500, at("2026-10-02T10:00:00Z"));
    place_order(bob, 2500, at("2026-10-03T10:00:00Z"));
    run_worker();
    create("october", 2);
    close_draw(w(), "october", "", now());
    w().privacy().erase(ada, "test");
    const RunResult result = run_draw(w(), settings_, "october", "", now());
    ASSERT_EQ(result.picks.size(), 2u);
    for (const auto& pick : result.picks) {
        EXPECT_EQ(pick.winner, pick.customer == bob);
        if (!pick.customer) {
            EXPECT_EQ(pick.reason, "erased");
        }
    }
}

TEST_F(DrawsTest, AMergeMovesEntriesToTheSurvivor) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId ada_again = add_customer("Ada Again");
    place_order(ada, 2500, at("2026-10-02T10:00:00Z"));
    run_worker();
    create("october");
    enter(w(), {"october", ada_again, 1, "", "", "maria", at("2026-10-20")});
    w().merges().merge(ada, ada_again, "test");
    EXPECT_EQ(tickets("october"), (std::map<CustomerId, std::int64_t>{{ada, 3}}));
    EXPECT_EQ(count("loyalty_draws_entries", fmt::format("customer_id = {}", ada_again)), 0);
}

}  // namespace
}  // namespace moshtari::draws::testing
