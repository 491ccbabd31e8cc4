#pragma once
// The lifecycle rules: a customer's phase as of a date, from their order history alone.

#include <optional>
#include <string>

#include "moshtari/config_section.hpp"
#include "moshtari/time.hpp"

namespace moshtari::lifecycle {

struct Thresholds {
    int new_days = 30;      // first order less than this many days ago: new
    int at_risk_days = 90;  // no order for this many days or more: at-risk
    int lapsed_days = 180;  // no order for this many days or more: lapsed

    // Reads the plugin's section; throws one ConfigError listing every problem.
    static Thresholds from_config(const ConfigSection& section);
};

// What the rules need to know of a customer's non-cancelled orders.
struct OrderHistory {
    int count = 0;
    Timestamp first{};
    Timestamp last{};
    std::optional<Timestamp> before_last;  // the order before the last, if any
};

inline constexpr const char* kProspect = "prospect";
inline constexpr const char* kNew = "new";
inline constexpr const char* kActive = "active";
inline constexpr const char* kAtRisk = "at-risk";
inline constexpr const char* kLapsed = "lapsed";
inline constexpr const char* kWonBack = "won-back";

// Phases in lifecycle order, for reports.
inline constexpr const char* kPhases[] = {kProspect, kNew, kActive, kAtRisk, kLapsed, kWonBack};

// prospect: never bought. lapsed / at-risk: no order for lapsed_days / at_risk_days. won-back: the
// last order came after a silence of lapsed_days or more. new: the first order is at most new_days
// old. active: otherwise.
std::string phase_of(const OrderHistory& history, Timestamp as_of, const Thresholds& thresholds);

}  // namespace moshtari::lifecycle
