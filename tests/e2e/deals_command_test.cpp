#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class DealsCommand : public CliTest {
  protected:
    DealsCommand() {
        init();
        ok({"customers", "add", "--name", "Acme GmbH", "--kind", "company"});
    }
};

TEST_F(DealsCommand, MovesADealAndKeepsItsHistory) {
    EXPECT_EQ(ok({"deals", "add", "--customer", "1", "--title", "50 seats", "--pipeline", "sales",
                  "--value", "1000", "--owner", "sara", "--expected-close", "2026-12-31"}),
              "1");
    ok({"deals", "move", "1", "qualified", "--by", "sara"});
    ok({"deals", "move", "1", "won", "--by", "omid"});

    const auto deal = json({"deals", "show", "1"});
    EXPECT_EQ(deal["stage"], "won");
    EXPECT_EQ(deal["value"], "1000.00 EUR");
    EXPECT_EQ(deal["customer_name"], "Acme GmbH");
    EXPECT_EQ(deal["expected_close"], "2026-12-31");
    const auto& history = deal["history"];
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0]["to"], "lead");
    EXPECT_EQ(history[1]["from"], "lead");
    EXPECT_EQ(history[1]["to"], "qualified");
    EXPECT_EQ(history[2]["to"], "won");
    EXPECT_EQ(history[2]["by"], "omid");

    const auto text = ok({"deals", "show", "1"});
    EXPECT_NE(text.find("qualified"), std::string::npos);
}

TEST_F(DealsCommand, AWonDealCannotMove) {
    ok({"deals", "add", "--customer", "1", "--title", "T", "--pipeline", "sales", "--stage",
        "negotiation", "--value", "5"});
    ok({"deals", "move", "1", "won"});
    const auto result = run({"deals", "move", "1", "lost"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("deal #1 is closed"), std::string::npos) << result.err;
    EXPECT_EQ(json({"deals", "show", "1"})["stage"], "won");
}

TEST_F(DealsCommand, ListsDealsMarkingThoseOverTheirStageSla) {
    ok({"deals", "add", "--customer", "1", "--title", "old", "--pipeline", "sales", "--value", "5",
        "--at", "2020-01-01"});
    ok({"deals", "add", "--customer", "1", "--title", "fresh", "--pipeline", "sales", "--stage",
        "proposal", "--value", "7.50", "--currency", "USD"});

    const auto deals = json({"deals", "list"});
    ASSERT_EQ(deals.size(), 2u);
    const auto& old = deals[0]["title"] == "old" ? deals[0] : deals[1];
    const auto& fresh = deals[0]["title"] == "old" ? deals[1] : deals[0];
    EXPECT_EQ(old["sla"], "overdue");
    EXPECT_GT(old["days_in_stage"].get<int>(), 7);
    EXPECT_EQ(fresh["sla"], "");
    EXPECT_EQ(fresh["days_in_stage"], 0);
    EXPECT_EQ(fresh["value"], "7.50 USD");

    const auto proposals = json({"deals", "list", "--stage", "proposal"});
    ASSERT_EQ(proposals.size(), 1u);
    EXPECT_EQ(proposals[0]["title"], "fresh");
}

TEST_F(DealsCommand, AnUnknownPipelineOrStageIsRefused) {
    const auto pipeline = run(
        {"deals", "add", "--customer", "1", "--title", "T", "--pipeline", "nope", "--value", "1"});
    EXPECT_EQ(pipeline.exit_code, 1);
    EXPECT_NE(pipeline.err.find("there is no pipeline 'nope'"), std::string::npos) << pipeline.err;
    ok({"deals", "add", "--customer", "1", "--title", "T", "--pipeline", "sales", "--value", "1"});
    const auto stage = run({"deals", "move", "1", "signed"});
    EXPECT_EQ(stage.exit_code, 1);
    EXPECT_NE(stage.err.find("no stage 'signed'"), std::string::npos) << stage.err;
}

}  // namespace
}  // namespace moshtari::e2e
