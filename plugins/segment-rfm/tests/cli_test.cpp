// `moshtari segment run rfm` and friends through the real executable, on the ten customers.

#include <fmt/format.h>

#include "rfm_fixture.hpp"

namespace moshtari::rfm::testing {
namespace {

class Cli : public RfmTest {};

TEST_F(Cli, SegmentRunRfmStoresWhatSegmentShowAndMembersRead) {
    const auto ids = add_ten_customers();
    add_customer("Never Bought");
    const std::string as_of = format_time(kAsOf);

    const auto run = json({"segment", "run", "rfm", "--as-of", as_of});
    EXPECT_EQ(run["method"], "rfm");
    EXPECT_EQ(run["run"], 1);
    EXPECT_EQ(run["customers"], 11);
    EXPECT_EQ(run["changed"], 11);
    EXPECT_EQ(nlohmann::json::parse(run["parameters"].get<std::string>())["bins"], 5);
    std::map<std::string, int> sizes;
    for (const auto& segment : run["segments"]) sizes[segment["segment"]] = segment["customers"];
    EXPECT_EQ(sizes, (std::map<std::string, int>{{"champions", 0},
                                                 {"loyal", 2},
                                                 {"potential-loyalists", 2},
                                                 {"new", 0},
                                                 {"promising", 1},
                                                 {"need-attention", 0},
                                                 {"about-to-sleep", 1},
                                                 {"at-risk", 2},
                                                 {"cannot-lose", 1},
                                                 {"hibernating", 0},
                                                 {"lost", 1},
                                                 {"prospects", 1}}));

    // A second process sees the stored run; a rerun changes nothing.
    EXPECT_EQ(json({"segment", "run", "rfm", "--as-of", as_of})["changed"], 0);
    const auto members = json({"segment", "members", "cannot-lose"});
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(members[0]["customer"], ids[8]);
    EXPECT_EQ(members[0]["score"], 251.0);
    const auto shown = json({"segment", "show", "rfm"});
    EXPECT_EQ(shown["run"], 2);
    EXPECT_EQ(shown["segments"][1]["examples"], fmt::format("#{}, #{}", ids[7], ids[9]));
}

}  // namespace
}  // namespace moshtari::rfm::testing
