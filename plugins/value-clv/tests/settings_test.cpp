// Configuration through the real host: a full section is read into every field, and each mistake
// is refused at its file:line:column with what to write instead.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "moshtari/config_error.hpp"
#include "moshtari/error.hpp"
#include "moshtari/sdk/testing.hpp"
#include "settings.hpp"

namespace moshtari::value {
namespace {

using moshtari::testing::ConfigRefusal;
using moshtari::testing::position_in;

ConfigRefusal open_with(const std::string& yaml) {
    return moshtari::testing::config_refusal({MOSHTARI_PLUGIN_DIR}, yaml, {"value-clv"});
}

void expect_refused(const std::string& yaml, const std::string& line_text,
                    const std::string& message) {
    const ConfigRefusal refusal = open_with(yaml);
    EXPECT_EQ(refusal.line, position_in(refusal.text, line_text).first) << refusal.message;
    EXPECT_GT(refusal.column, 0);
    EXPECT_NE(refusal.message.find(message), std::string::npos) << refusal.message;
}

TEST(Settings, EveryKeyIsRead) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, R"yaml(
value-clv:
  simple:
    currency: EUR
    margin_rate: 0.25
    order_value: "48.00"
    purchases_per_period: 3
    retention_rate: 0.7
    discount_rate: 0.08
    inflation_rate: 0.03
    horizon: 5
    period: year
  probabilistic:
    currency: USD
    period: days
    calibration_end: 1997-09-30
    horizon: 365
    discount_rate: 0.0003
    margin: 0.3
    refit: never
  tiers: [0.5, 10, 25]
)yaml",
                                        {"value-clv"});
    const Settings s = read_settings(ConfigSection::read_file(ws.config_file()).child("value-clv"));
    const SimpleSettings& simple = s.simple_or_throw();
    EXPECT_EQ(simple.currency, "EUR");
    EXPECT_DOUBLE_EQ(simple.margin_per_order_minor, 1200);  // 25% of 48.00
    EXPECT_DOUBLE_EQ(simple.purchases_per_period, 3);
    EXPECT_DOUBLE_EQ(simple.retention_rate, 0.7);
    EXPECT_DOUBLE_EQ(simple.discount_rate, 0.08);
    EXPECT_DOUBLE_EQ(simple.inflation_rate, 0.03);
    EXPECT_EQ(simple.horizon, 5);
    EXPECT_EQ(simple.period, "year");
    const ProbabilisticSettings& p = s.probabilistic_or_throw();
    EXPECT_EQ(p.currency, "USD");
    EXPECT_EQ(p.period, PeriodUnit::days);
    ASSERT_TRUE(p.calibration_end);
    EXPECT_EQ(format_date(*p.calibration_end), "1997-09-30");
    EXPECT_EQ(p.horizon, 365);
    EXPECT_DOUBLE_EQ(p.discount_rate, 0.0003);
    EXPECT_DOUBLE_EQ(p.margin, 0.3);
    EXPECT_FALSE(p.refit_daily);
    EXPECT_EQ(s.tiers, (std::vector<double>{0.5, 10, 25}));
}

TEST(Settings, DefaultsWithoutASection) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, "", {"value-clv"});
    const Settings s = read_settings(ConfigSection::read_file(ws.config_file()).child("value-clv"));
    EXPECT_FALSE(s.simple);
    EXPECT_FALSE(s.probabilistic);
    EXPECT_EQ(s.tiers, (std::vector<double>{1, 5, 20}));
    EXPECT_THROW(s.probabilistic_or_throw(), UserError);
}

TEST(Settings, MistakesAreRefusedAtTheirLine) {
    expect_refused("value-clv:\n  probabilistic:\n    currency: USD\n    horizn: 52\n", "horizn",
                   "did you mean 'horizon'");
    // A problem of the whole section is reported where its mapping starts, at its first key.
    expect_refused("value-clv:\n  probabilistic:\n    period: weeks\n", "period: weeks",
                   "missing required key 'currency'");
    expect_refused("value-clv:\n  probabilistic:\n    currency: USX\n", "USX", "USX");
    expect_refused("value-clv:\n  probabilistic:\n    currency: USD\n    period: months\n",
                   "months", "'months' is not one of weeks, days");
    expect_refused(
        "value-clv:\n  probabilistic:\n    currency: USD\n    calibration_end: 1997-13-01\n",
        "1997-13-01", "write YYYY-MM-DD");
    expect_refused("value-clv:\n  probabilistic:\n    currency: USD\n    margin: 1.5\n", "1.5",
                   "expected a share of the spend between 0 and 1, got 1.5");
    expect_refused("value-clv:\n  probabilistic:\n    currency: USD\n    horizon: 0\n", "horizon",
                   "from 1 to 10000");
    expect_refused("value-clv:\n  probabilistic:\n    currency: USD\n    refit: weekly\n", "weekly",
                   "'weekly' is not one of never, daily");
    expect_refused(
        "value-clv:\n  probabilistic:\n    currency: USD\n    calibration_end: "
        "1997-09-30\n    refit: daily\n",
        "refit: daily", "remove calibration_end");
    expect_refused("value-clv:\n  tiers: [5, 1]\n", "tiers", "ascending");
    expect_refused("value-clv:\n  tiers: [1, 100]\n", "tiers", "'100' is not a percentage");
    const std::string simple =
        "value-clv:\n  simple:\n    currency: EUR\n    purchases_per_period: 2\n";
    const std::string retained = simple + "    retention_rate: 0.8\n";
    expect_refused(retained, "    currency: EUR", "either as margin_per_order");
    expect_refused(retained + "    margin_per_order: \"5.00\"\n    margin_rate: 0.2\n",
                   "    currency: EUR", "not both");
    expect_refused(retained + "    margin_per_order: \"5.001\"\n", "5.001", "\"12.50\"");
    expect_refused(simple + "    margin_per_order: \"5.00\"\n    retention_rate: 1.2\n",
                   "retention_rate: 1.2", "between 0 and 1");
    expect_refused(retained + "    margin_rate: 0.2\n", "    currency: EUR",
                   "missing required key 'order_value'");
}

}  // namespace
}  // namespace moshtari::value
