#pragma once
// The `value-clv:` section: the inputs of the simple CLV formula, of the probabilistic models'
// valuation, and the value tiers.

#include <optional>
#include <string>
#include <vector>

#include "moshtari/config_section.hpp"
#include "moshtari/time.hpp"

namespace moshtari::value {

// The simple model: every input is the operator's estimate, none comes from the data.
struct SimpleSettings {
    std::string currency{};
    double margin_per_order_minor = 0;  // margin_per_order, or margin_rate x order_value
    double purchases_per_period = 0;
    double retention_rate = 0;  // share of the customers of one period still buying in the next
    double discount_rate = 0;   // per period
    double inflation_rate = 0;  // per period, grows the nominal margin
    int horizon = 0;            // periods
    std::string period{};       // a label for the output: "year", "month", ...
};

enum class PeriodUnit { days, weeks };

struct ProbabilisticSettings {
    std::string currency{};  // only orders in this currency count
    PeriodUnit period = PeriodUnit::weeks;
    std::optional<Date> calibration_end{};  // unset: the day the fit runs
    int horizon = 52;                       // periods ahead for purchases and CLV
    double discount_rate = 0;               // per period
    double margin = 1;                      // share of the spend that is margin; 1: revenue
    bool refit_daily = false;               // fit on every DailyTick
};

struct Settings {
    std::optional<SimpleSettings> simple{};
    std::optional<ProbabilisticSettings> probabilistic{};
    // Cumulative shares of the customers ranked by CLV, in percent, ascending: {1, 5, 20} makes
    // top-1, top-5, top-20 and rest.
    std::vector<double> tiers{1, 5, 20};

    // The sections, or a UserError saying what to add to moshtari.yaml.
    const SimpleSettings& simple_or_throw() const;
    const ProbabilisticSettings& probabilistic_or_throw() const;
};

// Days per period.
double days_per(PeriodUnit unit);
const char* to_string(PeriodUnit unit);

// Reads and checks the section; every problem is a ConfigError at its file:line:column.
Settings read_settings(const ConfigSection& section);

}  // namespace moshtari::value
