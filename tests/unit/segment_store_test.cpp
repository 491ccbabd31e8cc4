#include "moshtari/segment_store.hpp"

#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/events.hpp"
#include "moshtari/privacy_store.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

class SegmentStoreTest : public StoreTest {
  protected:
    std::vector<CustomerId> ids;

    void SetUp() override {
        for (const char* name : {"Ana", "Ben", "Cyd", "Dan"}) {
            Customer c;
            c.name = name;
            ids.push_back(ws.customers().create(c));
        }
    }

    // `segments[i]` is customer i's segment index; -1 leaves the customer out.
    Segmentation segmentation(const std::vector<int>& segments, double score = 1.0) {
        Segmentation s;
        s.parameters = {{"seed", 7}};
        s.segments = {{"high", {{"spend", ">= 100"}}}, {"low", "spend below 100"}};
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (segments[i] < 0) continue;
            s.customers.push_back(ids[i]);
            s.segment_of.push_back(static_cast<std::uint32_t>(segments[i]));
            s.scores.push_back(score * static_cast<double>(i));
            s.details.push_back(R"({"r":1})");
        }
        return s;
    }

    std::vector<events::SegmentsChanged> changes() {
        std::vector<events::SegmentsChanged> found;
        for (const auto& e : ws.event_log().read_after(0, 1000, events::SegmentsChanged::kType))
            found.push_back(e.payload.get<events::SegmentsChanged>());
        return found;
    }
};

TEST_F(SegmentStoreTest, StoresARunWithItsSizesAndOneEventForEveryoneItMoved) {
    const auto run =
        ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(100), from_unix(90));
    EXPECT_EQ(run.customers, 4);
    EXPECT_EQ(run.changed, 4);
    ASSERT_EQ(run.segments.size(), 2u);
    EXPECT_EQ(run.segments[0].size, 2);
    EXPECT_EQ(run.segments[1].description, "spend below 100");
    ASSERT_EQ(changes().size(), 1u);
    EXPECT_EQ(changes()[0].run_id, run.id);
    EXPECT_EQ(changes()[0].changed, 4);

    const auto high = ws.segments().members("spend", "high", 10);
    ASSERT_EQ(high.size(), 2u);
    EXPECT_EQ(high[0].customer_id, ids[0]);
    EXPECT_EQ(high[1].customer_id, ids[3]);
    EXPECT_EQ(high[1].score, 3.0);
    EXPECT_EQ(high[1].detail, R"({"r":1})");
    EXPECT_EQ(high[1].since, from_unix(100));
}

TEST_F(SegmentStoreTest, ARunThatChangesNothingWritesNoEventAndKeepsSince) {
    ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(100), from_unix(90));
    const auto again =
        ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(200), from_unix(190));
    EXPECT_EQ(again.changed, 0);
    EXPECT_EQ(changes().size(), 1u);
    EXPECT_EQ(ws.segments().members("spend", "low", 10)[0].since, from_unix(100));
    EXPECT_EQ(ws.segments().runs("spend", 10).size(), 2u);
}

TEST_F(SegmentStoreTest, NamesWhoMovedAndWhereFromAndDropsWhoWasLeftOut) {
    ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(100), from_unix(90));
    // Ben goes up, Dan is left out, scores change for the rest.
    const auto run = ws.segments().record("spend", segmentation({0, 0, 1, -1}, 2.0), from_unix(200),
                                          from_unix(190));
    EXPECT_EQ(run.changed, 1);
    const auto moved = ws.segments().changed_by(run.id);
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].customer_id, ids[1]);
    EXPECT_EQ(moved[0].previous_segment, "low");
    EXPECT_EQ(moved[0].segment, "high");
    EXPECT_TRUE(ws.segments().segments_of(ids[3]).empty());
    // Cyd stayed, with the new score and the old since.
    const auto cyd = ws.segments().segments_of(ids[2]);
    ASSERT_EQ(cyd.size(), 1u);
    EXPECT_EQ(cyd[0].score, 4.0);
    EXPECT_EQ(cyd[0].since, from_unix(100));
}

TEST_F(SegmentStoreTest, RefusesAnInconsistentResultAndStoresNothing) {
    auto bad = segmentation({0, 1, 1, 0});
    bad.segment_of[2] = 5;
    EXPECT_THROW(ws.segments().record("spend", bad, from_unix(100), from_unix(90)), UserError);
    auto unsorted = segmentation({0, 1, 1, 0});
    std::swap(unsorted.customers[0], unsorted.customers[1]);
    EXPECT_THROW(ws.segments().record("spend", unsorted, from_unix(100), from_unix(90)), UserError);
    EXPECT_EQ(rows("segment_runs"), 0);
    EXPECT_EQ(rows("segment_memberships"), 0);
}

TEST_F(SegmentStoreTest, ResultsSurviveARestartAndShowInTheFactsView) {
    ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(100), from_unix(90));
    test.reopen();
    Workspace& reopened = test.workspace();
    EXPECT_EQ(reopened.segments().methods(), std::vector<std::string>{"spend"});
    EXPECT_EQ(reopened.segments().members("spend", "high", 10).size(), 2u);
    SQLite::Statement view(reopened.database().sql(),
                           "SELECT customer_id, segment_spend, score_spend, orders FROM "
                           "customer_facts ORDER BY customer_id");
    std::vector<std::string> segments;
    while (view.executeStep()) {
        segments.push_back(view.getColumn(1).getString());
        EXPECT_EQ(view.getColumn(3).getInt64(), 0);
    }
    EXPECT_EQ(segments, (std::vector<std::string>{"high", "low", "low", "high"}));
}

TEST_F(SegmentStoreTest, AnErasedCustomerLeavesTheirSegment) {
    ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(100), from_unix(90));
    ws.privacy().erase(ids[0], "test");
    EXPECT_TRUE(ws.segments().segments_of(ids[0]).empty());
    EXPECT_EQ(ws.segments().members("spend", "high", 10).size(), 1u);
}

TEST_F(SegmentStoreTest, AMergedCustomersSegmentsGoWithThemAndAnExportListsTheSurvivors) {
    ws.segments().record("spend", segmentation({0, 1, 1, 0}), from_unix(100), from_unix(90));
    ws.merges().merge(ids[0], ids[1], "test");
    EXPECT_TRUE(ws.segments().segments_of(ids[1]).empty());
    EXPECT_EQ(rows("segment_memberships"), 3);
    const auto exported = ws.privacy().export_personal(ids[0], "test");
    ASSERT_EQ(exported["segments"].size(), 1u) << exported.dump();
    EXPECT_EQ(exported["segments"][0]["method"], "spend");
    EXPECT_EQ(exported["segments"][0]["segment"], "high");
    EXPECT_EQ(exported["segments"][0]["detail"]["r"], 1);
}

TEST_F(SegmentStoreTest, RunningAnUnknownSegmenterNamesWhatThereIs) {
    try {
        ws.run_segmenter("rfm", from_unix(100));
        FAIL() << "expected a UserError";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("there is no segmenter 'rfm'"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace moshtari
