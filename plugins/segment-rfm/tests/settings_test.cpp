// The `segment-rfm` section through the real host: defaults, a map a business writes, and every
// refusal pointing at the file, line and column of what is wrong.

#include <gtest/gtest.h>

#include <fstream>

#include "moshtari/config_error.hpp"
#include "moshtari/sdk/testing.hpp"
#include "rfm_settings.hpp"

namespace moshtari::rfm {
namespace {

using moshtari::testing::ConfigRefusal;
using moshtari::testing::position_in;

ConfigRefusal refusal_of(const std::string& yaml) {
    return moshtari::testing::config_refusal({MOSHTARI_PLUGIN_DIR}, yaml, {"segment-rfm"});
}

// The refusal points at `text` in its file and says `says`.
void expect_refusal(const std::string& yaml, const std::string& text, const std::string& says) {
    const ConfigRefusal refusal = refusal_of(yaml);
    EXPECT_EQ(std::pair(refusal.line, refusal.column),
              position_in(refusal.text, text, "segment-rfm:"))
        << refusal.message;
    EXPECT_NE(refusal.message.find(says), std::string::npos) << refusal.message;
}

Settings settings_of(const std::string& yaml) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, yaml, {"segment-rfm"});
    return read_settings(ConfigSection::read_file(ws.config_file()).child("segment-rfm"));
}

TEST(Settings, WithoutASectionTheDefaultsHoldAndThePluginStarts) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, "", {"segment-rfm"});
    EXPECT_EQ(ws->segmenter_names(), std::vector<std::string>{"rfm"});
    const Settings settings = read_settings(ConfigSection());
    EXPECT_EQ(settings.bins, 5);
    EXPECT_EQ(settings.monetary, Monetary::total);
    EXPECT_EQ(settings.prospects, "prospects");
    ASSERT_EQ(settings.segments.size(), 11u);
    EXPECT_EQ(settings.segments.front().name, "champions");
    EXPECT_EQ(settings.segments.back().name, "lost");
    const auto json = settings.to_json();
    EXPECT_EQ(json["segments"][0],
              (nlohmann::json{{"name", "champions"}, {"r", "5"}, {"f", "4-5"}}));
    EXPECT_EQ(json["monetary"], "total");
}

TEST(Settings, AMapWrittenInTheConfigurationIsReadInOrder) {
    const Settings settings = settings_of(R"yaml(
segment-rfm:
  bins: 3
  monetary: average
  prospects: ""
  segments:
    - {name: best, r: 3, fm: 2.5-3}
    - {name: fading, r: 1-2, f: "2 - 3"}
    - name: others
)yaml");
    EXPECT_EQ(settings.bins, 3);
    EXPECT_EQ(settings.monetary, Monetary::average);
    EXPECT_EQ(settings.prospects, "");
    ASSERT_EQ(settings.segments.size(), 3u);
    EXPECT_EQ(settings.segments[0].fm->low, 2.5);
    EXPECT_FALSE(settings.segments[0].f);
    EXPECT_EQ(settings.segments[1].f->text(), "2-3");
    EXPECT_EQ(settings.segments[2].description(), "every other customer");
}

TEST(Settings, AMapInItsOwnFileIsReadAndItsErrorsNameThatFile) {
    const moshtari::testing::TempDir dir("rfm-map");
    std::ofstream(dir / "good.yaml") << "segments:\n  - {name: recent, r: 4-5}\n  - {name: rest}\n";
    const Settings settings =
        settings_of("segment-rfm:\n  segments_file: " + (dir / "good.yaml").string() + "\n");
    ASSERT_EQ(settings.segments.size(), 2u);
    EXPECT_EQ(settings.segments[0].name, "recent");
    EXPECT_EQ(settings.to_json()["segments_file"], (dir / "good.yaml").string());

    std::ofstream(dir / "bad.yaml") << "segments:\n  - {name: recent, r: 4-6}\n  - {name: rest}\n";
    const ConfigRefusal refusal =
        refusal_of("segment-rfm:\n  segments_file: " + (dir / "bad.yaml").string() + "\n");
    EXPECT_EQ(refusal.file, (dir / "bad.yaml").string());
    EXPECT_EQ(std::pair(refusal.line, refusal.column), position_in(refusal.text, "4-6"))
        << refusal.message;
    EXPECT_NE(refusal.message.find("'4-6' is not a range of scores"), std::string::npos)
        << refusal.message;
}

TEST(Settings, BadValuesAreRefusedWhereTheyAreWritten) {
    expect_refusal("segment-rfm:\n  binz: 4\n", "binz", "did you mean 'bins'?");
    expect_refusal("segment-rfm:\n  bins: 12\n", "12", "must be from 2 to 9, got 12");
    expect_refusal("segment-rfm:\n  bins: 4\n", "4",
                   "the default segment map is for 5 bins; with 4 bins list your own");
    expect_refusal("segment-rfm:\n  monetary: median\n", "median",
                   "'median' is not one of total, average");
    expect_refusal("segment-rfm:\n  prospects: no orders\n", "no orders",
                   "'no orders' is not a segment name");
    expect_refusal("segment-rfm:\n  prospects: lost\n", "lost", "is a segment of the default map");
    expect_refusal("segment-rfm:\n  segments: []\n", "[]", "expected a list of segments");
    expect_refusal("segment-rfm:\n  segments_file: nowhere.yaml\n  segments: [{name: all}]\n",
                   "nowhere.yaml", "keep one of the two");
}

TEST(Settings, BadRulesAreRefusedAtTheRule) {
    expect_refusal(
        "segment-rfm:\n  segments:\n    - {name: a, r: 5-4}\n    - {name: b}\n", "5-4",
        "'5-4' is not a range of scores; write a score from 1 to 5 or a range like '4-5'");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: a, f: 2.5}\n    - {name: b}\n", "2.5",
                   "'2.5' is not a range");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: a, fm: 1.25-2}\n    - {name: b}\n",
                   "1.25-2", "may use halves");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: a, r: x}\n    - {name: b}\n", "x}",
                   "'x' is not a range");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: a, rr: 1}\n    - {name: b}\n", "rr",
                   "did you mean 'r'?");
    expect_refusal("segment-rfm:\n  segments:\n    - {r: 1}\n    - {name: b}\n", "{r: 1}", "name");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: a, r: 1}\n    - {name: a}\n", "a}",
                   "a second segment named 'a'");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: prospects}\n", "prospects}",
                   "is the segment of customers without orders");
    expect_refusal("segment-rfm:\n  segments:\n    - {name: at risk}\n", "at risk",
                   "'at risk' is not a segment name");
}

TEST(Settings, AMapMustGiveEveryCellASegmentAndEverySegmentACell) {
    expect_refusal(R"yaml(
segment-rfm:
  segments:
    - {name: recent, r: 4-5}
    - {name: frequent, f: 5}
)yaml",
                   "- {name: recent",  // where the list begins
                   "segment-rfm.segments: 60 of the 125 score cells match no segment (r1 f1 m1, "
                   "r1 f1 m2, r1 f1 m3, r1 f1 m4, r1 f1 m5 and 55 more); add rules for them, or "
                   "end the list with a rule that has only a name, like '- {name: others}'");
    expect_refusal(R"yaml(
segment-rfm:
  segments:
    - {name: recent, r: 3-5}
    - {name: rest}
    - {name: champions, r: 5, f: 5, m: 5}
)yaml",
                   "champions",
                   "segment-rfm.segments[2]: segment 'champions' can never have a customer: every "
                   "cell it covers matches an earlier rule; move it up");
}

}  // namespace
}  // namespace moshtari::rfm
