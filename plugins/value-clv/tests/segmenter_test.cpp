// The value tiers as the core's segmentation method `value`, run by the real host and stored in
// the core's segment runs.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <set>

#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/segment_store.hpp"
#include "value_fixture.hpp"

namespace moshtari::value::testing {
namespace {

class Segmenter : public ValueTest {};

TEST_F(Segmenter, ARunPutsEveryValuedCustomerInTheTierAFitGivesThem) {
    add_shoppers(150);
    add_customer("Never Bought");  // not valued, so in no segment
    const auto fit = json({"value", "fit", "--as-of", "2026-06-30"});
    const auto top = json({"value", "top", "2"});

    // Any time on 2026-06-30 judges with the orders up to the end of that day, as the fit did.
    const SegmentRun run = w().run_segmenter("value", *parse_time("2026-06-30T09:15:00Z"));
    EXPECT_EQ(run.method, "value");
    EXPECT_EQ(run.customers, 150);
    ASSERT_EQ(run.segments.size(), 4u);
    for (std::size_t i = 0; i < run.segments.size(); ++i) {
        EXPECT_EQ(run.segments[i].name, fit["tiers"][i]["tier"]);
        EXPECT_EQ(run.segments[i].size, fit["tiers"][i]["customers"]);
    }
    EXPECT_EQ(run.parameters["bg_nbd"], fit["parameters"]["bg_nbd"]);
    EXPECT_EQ(run.parameters["as_of"], "2026-06-30");

    const auto best = w().segments().members("value", "top-1", 10);
    ASSERT_EQ(best.size(), 2u);
    const std::set<CustomerId> expected{top[0]["customer"].get<CustomerId>(),
                                        top[1]["customer"].get<CustomerId>()};
    EXPECT_EQ((std::set<CustomerId>{best[0].customer_id, best[1].customer_id}), expected);
    for (const auto& member : best) {
        const auto shown = json({"value", "show", std::to_string(member.customer_id)});
        ASSERT_TRUE(member.score);
        EXPECT_NEAR(*member.score, shown["clv_minor"].get<double>() / 100, 1e-9);
        EXPECT_EQ(nlohmann::json::parse(member.detail)["rank"], shown["rank"]);
    }

    // The run wrote no fit of the plugin's own.
    SQLite::Statement fits(w().database().sql(), "SELECT COUNT(*) FROM value_clv_fits");
    ASSERT_TRUE(fits.executeStep());
    EXPECT_EQ(fits.getColumn(0).getInt(), 1);
}

TEST_F(Segmenter, TheCommandLineRunsItAndTheSameDataGiveTheSameTiers) {
    add_shoppers(40);
    const auto first = json({"segment", "run", "value", "--as-of", "2026-06-30"});
    EXPECT_EQ(first["method"], "value");
    EXPECT_EQ(first["customers"], 40);
    EXPECT_EQ(first["changed"], 40);
    std::vector<std::string> names;
    for (const auto& segment : first["segments"]) names.push_back(segment["segment"]);
    EXPECT_EQ(names, (std::vector<std::string>{"top-1", "top-5", "top-20", "rest"}))
        << first.dump();
    const auto again = json({"segment", "run", "value", "--as-of", "2026-06-30"});
    EXPECT_EQ(again["changed"], 0);
}

class UnconfiguredSegmenter : public ValueTest {
  protected:
    UnconfiguredSegmenter() : ValueTest("value-clv: {}\n") {}
};

TEST_F(UnconfiguredSegmenter, SaysWhichSectionToAdd) {
    try {
        w().run_segmenter("value", now());
        ADD_FAILURE() << "ran without value-clv.probabilistic";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("add value-clv.probabilistic"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace moshtari::value::testing
