// The lifecycle rules on their own: each phase, each threshold's boundary, and the checks on the
// plugin's configuration section.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "lifecycle_rules.hpp"
#include "moshtari/config.hpp"
#include "moshtari/sdk/testing.hpp"

namespace moshtari::lifecycle {
namespace {

using std::chrono::days;
using std::chrono::seconds;

const Timestamp kDay0 =
    std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours{11};

Timestamp day(int n) {
    return kDay0 + days{n};
}

OrderHistory history(std::vector<int> order_days) {
    std::sort(order_days.begin(), order_days.end());
    OrderHistory h;
    h.count = static_cast<int>(order_days.size());
    if (order_days.empty()) return h;
    h.first = day(order_days.front());
    h.last = day(order_days.back());
    if (order_days.size() > 1) h.before_last = day(order_days[order_days.size() - 2]);
    return h;
}

struct PhaseCase {
    const char* name;
    std::vector<int> order_days;  // days after day 0 with an order
    Timestamp as_of;
    Thresholds thresholds;
    const char* expected;
};

// Test listings show the case's name instead of its bytes.
void PrintTo(const PhaseCase& c, std::ostream* out) {
    *out << c.name;
}

constexpr Thresholds kDefault{30, 90, 180};

class PhaseRules : public ::testing::TestWithParam<PhaseCase> {};

TEST_P(PhaseRules, GivesThePhaseForTheHistory) {
    const auto& c = GetParam();
    EXPECT_EQ(phase_of(history(c.order_days), c.as_of, c.thresholds), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Lifecycle, PhaseRules,
    ::testing::Values(
        PhaseCase{"NeverBoughtIsProspect", {}, day(400), kDefault, kProspect},
        PhaseCase{"FirstOrderTodayIsNew", {0}, day(0), kDefault, kNew},
        PhaseCase{"OneSecondShortOfNewDaysIsStillNew", {0}, day(30) - seconds{1}, kDefault, kNew},
        PhaseCase{"ExactlyNewDaysAfterTheFirstOrderIsActive", {0}, day(30), kDefault, kActive},
        PhaseCase{"NewDaysCountFromTheFirstOrderNotTheLast", {0, 25}, day(31), kDefault, kActive},
        PhaseCase{"RegularOrdersAreActive", {0, 40, 80, 120}, day(150), kDefault, kActive},
        PhaseCase{
            "OneSecondShortOfAtRiskDaysIsActive", {0}, day(90) - seconds{1}, kDefault, kActive},
        PhaseCase{"ExactlyAtRiskDaysWithoutAnOrderIsAtRisk", {0}, day(90), kDefault, kAtRisk},
        PhaseCase{"OneDayShortOfLapsedDaysIsAtRisk", {0}, day(179), kDefault, kAtRisk},
        PhaseCase{"ExactlyLapsedDaysWithoutAnOrderIsLapsed", {0}, day(180), kDefault, kLapsed},
        PhaseCase{"LongSilenceIsLapsed", {0, 30}, day(600), kDefault, kLapsed},
        PhaseCase{"OrderAfterExactlyLapsedDaysIsWonBack", {0, 180}, day(180), kDefault, kWonBack},
        PhaseCase{"OrderAfterAShorterGapIsNotWonBack", {0, 179}, day(180), kDefault, kActive},
        PhaseCase{"WonBackLastsUntilTheNextOrder", {0, 200, 230}, day(231), kDefault, kActive},
        PhaseCase{"WonBackCustomerFallsAtRiskAgain", {0, 200}, day(290), kDefault, kAtRisk},
        PhaseCase{"WonBackDespiteAFirstOrderLongAgo", {0, 300}, day(301), kDefault, kWonBack},
        PhaseCase{"OwnThresholdsNew", {0}, day(6), Thresholds{7, 14, 28}, kNew},
        PhaseCase{"OwnThresholdsActive", {0}, day(7), Thresholds{7, 14, 28}, kActive},
        PhaseCase{"OwnThresholdsAtRisk", {0}, day(14), Thresholds{7, 14, 28}, kAtRisk},
        PhaseCase{"OwnThresholdsLapsed", {0}, day(28), Thresholds{7, 14, 28}, kLapsed},
        PhaseCase{"OwnThresholdsWonBack", {0, 28}, day(29), Thresholds{7, 14, 28}, kWonBack}),
    [](const ::testing::TestParamInfo<PhaseCase>& info) { return std::string(info.param.name); });

// Thresholds read from a real moshtari.yaml through the real configuration loader.
class ThresholdsConfig : public ::testing::Test {
  protected:
    std::filesystem::path file() const { return dir_ / "moshtari.yaml"; }

    Thresholds read(const std::string& yaml) const {
        std::ofstream(file()) << yaml;
        return Thresholds::from_config(Config::load(file()).plugin_section("segment-lifecycle"));
    }

    // The single problem reading `yaml` reports, as the user sees it.
    std::string problem(const std::string& yaml) const {
        try {
            read(yaml);
        } catch (const ConfigError& error) {
            EXPECT_EQ(error.problems().size(), 1u) << error.what();
            return error.problems().empty() ? "" : error.problems().front().to_string();
        }
        ADD_FAILURE() << "expected a ConfigError for:\n" << yaml;
        return "";
    }

    // "<dir>/moshtari.yaml:LINE:COL: message"
    std::string at(int line, int column, const std::string& message) const {
        return file().string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
               message;
    }

  private:
    moshtari::testing::TempDir dir_{"lifecycle-rules-test"};
};

TEST_F(ThresholdsConfig, DefaultsWithoutASection) {
    const auto t = read("workspace:\n  currency: EUR\n");
    EXPECT_EQ(t.new_days, 30);
    EXPECT_EQ(t.at_risk_days, 90);
    EXPECT_EQ(t.lapsed_days, 180);
}

TEST_F(ThresholdsConfig, ReadsEachThreshold) {
    const auto t =
        read("segment-lifecycle:\n  new_days: 14\n  at_risk_days: 60\n  lapsed_days: 120\n");
    EXPECT_EQ(t.new_days, 14);
    EXPECT_EQ(t.at_risk_days, 60);
    EXPECT_EQ(t.lapsed_days, 120);
}

TEST_F(ThresholdsConfig, NewDaysMustBeAtLeastOne) {
    EXPECT_EQ(problem("segment-lifecycle:\n  new_days: 0\n"),
              at(2, 13, "segment-lifecycle.new_days: must be at least 1 day, got 0"));
}

TEST_F(ThresholdsConfig, AtRiskDaysMustExceedNewDays) {
    EXPECT_EQ(
        problem("segment-lifecycle:\n  new_days: 30\n  at_risk_days: 30\n"),
        at(3, 17,
           "segment-lifecycle.at_risk_days: at_risk_days (30) must be greater than new_days (30)"));
}

TEST_F(ThresholdsConfig, LapsedDaysMustExceedAtRiskDays) {
    EXPECT_EQ(problem("segment-lifecycle:\n  lapsed_days: 90\n"),
              at(2, 16,
                 "segment-lifecycle.lapsed_days: lapsed_days (90) must be greater than "
                 "at_risk_days (90, the "
                 "default)"));
}

TEST_F(ThresholdsConfig, AConflictWithADefaultPointsAtTheKeyTheUserWrote) {
    EXPECT_EQ(problem("segment-lifecycle:\n  new_days: 90\n"),
              at(2, 13,
                 "segment-lifecycle.new_days: at_risk_days (90, the default) must be greater than "
                 "new_days "
                 "(90)"));
}

TEST_F(ThresholdsConfig, EveryProblemIsReportedAtOnce) {
    std::ofstream(file()) << "segment-lifecycle:\n  new_days: 0\n  lapsed_days: 60\n";
    try {
        Thresholds::from_config(Config::load(file()).plugin_section("segment-lifecycle"));
        FAIL() << "two problems went unreported";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.problems().size(), 2u) << error.what();
        EXPECT_EQ(error.problems()[0].where.line, 2);
        EXPECT_EQ(error.problems()[1].where.line, 3);
    }
}

TEST_F(ThresholdsConfig, UnknownKeySuggestsTheClosest) {
    EXPECT_EQ(problem("segment-lifecycle:\n  new_day: 30\n"),
              at(2, 3, "unknown key 'new_day' in segment-lifecycle; did you mean 'new_days'?"));
}

TEST_F(ThresholdsConfig, DaysMustBeWholeNumbers) {
    EXPECT_EQ(problem("segment-lifecycle:\n  at_risk_days: soon\n"),
              at(2, 17, "segment-lifecycle.at_risk_days: expected a whole number, got 'soon'"));
}

}  // namespace
}  // namespace moshtari::lifecycle
