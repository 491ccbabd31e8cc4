// The rfm segmenter through the real host: scores on known data, the default and a custom map,
// results stored by the core, reruns, a restart, and determinism.

#include "rfm_segmenter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/segment_store.hpp"
#include "rfm_fixture.hpp"

namespace moshtari::rfm::testing {
namespace {

class Segmenting : public RfmTest {
  protected:
    using RfmTest::RfmTest;

    // The customer's stored rfm membership.
    SegmentMember member(CustomerId id) {
        for (auto& m : w().segments().segments_of(id))
            if (m.method == "rfm") return m;
        ADD_FAILURE() << "customer #" << id << " has no rfm segment";
        return {};
    }

    std::size_t segments_changed_events() {
        return w().event_log().read_after(0, 1000, events::SegmentsChanged::kType).size();
    }
};

TEST_F(Segmenting, TenCustomersGetTheirQuintilesAndTheDefaultMapsSegments) {
    const auto ids = add_ten_customers();
    const CustomerId prospect = add_customer("Never Bought");
    place_order(prospect, 5000, days_before_as_of(3), "USD");  // not the workspace currency
    place_order(ids[0], 99900, days_before_as_of(-1));         // after as_of: does not count

    const SegmentRun run = w().run_segmenter("rfm", kAsOf);
    EXPECT_EQ(run.customers, 11);
    EXPECT_EQ(run.changed, 11);
    ASSERT_EQ(run.segments.size(), 12u);
    EXPECT_EQ(run.segments.back().name, "prospects");
    EXPECT_EQ(run.segments.back().size, 1);
    EXPECT_EQ(run.parameters["bins"], 5);
    EXPECT_EQ(run.parameters["currency"], "EUR");
    for (int k = 0; k < 10; ++k) {
        const SegmentMember m = member(ids[k]);
        EXPECT_EQ(m.segment, kSegment[k]) << "customer " << k;
        EXPECT_EQ(m.score, kR[k] * 100 + kF[k] * 10 + kM[k]) << "customer " << k;
        EXPECT_EQ(m.detail, "");
        EXPECT_EQ(m.run_id, run.id);
    }
    const SegmentMember none = member(prospect);
    EXPECT_EQ(none.segment, "prospects");
    EXPECT_EQ(none.score, 0.0);
    EXPECT_EQ(none.detail, "");
    const auto loyal = w().segments().members("rfm", "loyal", 10);
    ASSERT_EQ(loyal.size(), 2u);
    EXPECT_EQ(loyal[0].customer_id, ids[7]);
    EXPECT_EQ(loyal[1].customer_id, ids[9]);
}

TEST_F(Segmenting, CustomersWithEqualValuesShareAScore) {
    // Four customers with one order of the same amount and one with two: the four tie on
    // frequency and on spend, so each shares the score of the first of its block (1), and the
    // fifth has four below it: 1 + floor(5 * 4 / 5) = 5.
    std::vector<CustomerId> ids;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(add_customer("Same " + std::to_string(i)));
        place_order(ids.back(), 2500, days_before_as_of(10 + i));
    }
    place_order(ids[4], 2500, days_before_as_of(30));
    w().run_segmenter("rfm", kAsOf);
    // The score is the cell r·100 + f·10 + m.
    for (int i = 0; i < 4; ++i) EXPECT_EQ(member(ids[i]).score, (5 - i) * 100 + 10 + 1);
    EXPECT_EQ(member(ids[4]).score, 100 + 50 + 5);
}

TEST_F(Segmenting, ARerunChangesNothingAndARestartKeepsTheResults) {
    const auto ids = add_ten_customers();
    const SegmentRun first = w().run_segmenter("rfm", kAsOf);
    const SegmentRun again = w().run_segmenter("rfm", kAsOf);
    EXPECT_EQ(again.changed, 0);
    EXPECT_EQ(segments_changed_events(), 1u);
    EXPECT_EQ(member(ids[3]).run_id, first.id);  // still placed by the first run

    ws_.reopen();
    EXPECT_EQ(w().segments().runs("rfm", 10).size(), 2u);
    for (int k = 0; k < 10; ++k) {
        const SegmentMember m = member(ids[k]);
        EXPECT_EQ(m.segment, kSegment[k]);
        EXPECT_EQ(m.score, kR[k] * 100 + kF[k] * 10 + kM[k]);
        EXPECT_EQ(m.since, kAsOf);
    }
    // A new order moves customer 2 (lost, r1 f2) to the front of recency: r5 f2, a potential
    // loyalist.
    place_order(ids[2], 100, days_before_as_of(0.5));
    const SegmentRun later = w().run_segmenter("rfm", kAsOf);
    const auto moved = w().segments().changed_by(later.id);
    EXPECT_TRUE(std::any_of(moved.begin(), moved.end(),
                            [&](const SegmentMember& m) { return m.customer_id == ids[2]; }));
    EXPECT_EQ(member(ids[2]).segment, "potential-loyalists");
    EXPECT_EQ(member(ids[2]).previous_segment, "lost");
}

TEST_F(Segmenting, TheSameDataGivesTheSameSegmentation) {
    add_ten_customers();
    auto segmenter = w().segmenter("rfm");
    ASSERT_NE(segmenter, nullptr);
    const Segmentation a = segmenter->segment(w(), kAsOf);
    const Segmentation b = segmenter->segment(w(), kAsOf);
    EXPECT_EQ(a.parameters, b.parameters);
    EXPECT_EQ(a.customers, b.customers);
    EXPECT_EQ(a.segment_of, b.segment_of);
    EXPECT_EQ(a.scores, b.scores);

    // A second store filled in the reverse order scores the same customers the same way.
    moshtari::testing::TestWorkspace other({MOSHTARI_PLUGIN_DIR}, "", {"segment-rfm"});
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < a.customers.size(); ++i)
        expected.push_back(fmt::format("{} {}", a.scores[i], a.segments[a.segment_of[i]].name));
    std::vector<CustomerId> reversed;
    for (int k = 9; k >= 0; --k) {
        Customer c;
        c.name = "Customer " + std::to_string(k);
        reversed.push_back(other->customers().create(c));
    }
    for (const auto& o : w().orders().list(std::nullopt, 1000)) {
        Order copy = o;
        copy.id = 0;
        copy.customer_id = reversed[9 - static_cast<std::size_t>(*o.customer_id - a.customers[0])];
        other->orders().add(copy);
    }
    const Segmentation c = other->segmenter("rfm")->segment(other.workspace(), kAsOf);
    std::vector<std::string> got;
    for (std::size_t i = c.customers.size(); i-- > 0;)
        got.push_back(fmt::format("{} {}", c.scores[i], c.segments[c.segment_of[i]].name));
    EXPECT_EQ(got, expected);
}

class CustomMap : public RfmTest {
  protected:
    CustomMap()
        : RfmTest(R"yaml(
segment-rfm:
  monetary: average
  prospects: ""
  segments:
    - {name: big-spenders, m: 5}
    - {name: frequent, f: 4-5}
    - {name: everyone-else}
)yaml") {}
};

TEST_F(CustomMap, TheBusinessesMapAndAverageSpendAreHonoured) {
    const auto ids = add_ten_customers();
    add_customer("Never Bought");
    const SegmentRun run = w().run_segmenter("rfm", kAsOf);
    EXPECT_EQ(run.customers, 10);  // no prospects segment: left out
    ASSERT_EQ(run.segments.size(), 3u);
    EXPECT_EQ(run.parameters["monetary"], "average");
    EXPECT_EQ(run.segments[1].description, (nlohmann::json{{"f", "4-5"}}));
    // Average spend (10 - k) x 10.00 / (k + 1) falls with k, strictly: m as total spend.
    for (int k = 0; k < 10; ++k) {
        const auto score = w().segments().segments_of(ids[k]).front().score.value_or(0);
        EXPECT_EQ(static_cast<int>(score) % 10, kM[k]) << k;
        const std::string expected = kM[k] == 5   ? "big-spenders"
                                     : kF[k] >= 4 ? "frequent"
                                                  : "everyone-else";
        EXPECT_EQ(w().segments().segments_of(ids[k]).front().segment, expected) << k;
    }
}

}  // namespace
}  // namespace moshtari::rfm::testing
