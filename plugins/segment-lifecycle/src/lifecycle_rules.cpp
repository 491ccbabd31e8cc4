#include "lifecycle_rules.hpp"

#include <fmt/format.h>

namespace moshtari::lifecycle {

namespace {
using Days = std::chrono::days;
Days days_between(Timestamp from, Timestamp to) {
    return std::chrono::floor<Days>(to - from);
}
}  // namespace

Thresholds Thresholds::from_config(const ConfigSection& section) {
    section.allow_only({"new_days", "at_risk_days", "lapsed_days"});
    Thresholds t;
    t.new_days = section.get<int>("new_days", t.new_days);
    t.at_risk_days = section.get<int>("at_risk_days", t.at_risk_days);
    t.lapsed_days = section.get<int>("lapsed_days", t.lapsed_days);

    std::vector<ConfigProblem> problems;
    // The problem is reported at the later key when the user wrote it, else at the earlier one, so
    // the message points at something in the file and says which value is a default.
    const auto order = [&](const char* earlier, int earlier_value, const char* later,
                           int later_value) {
        if (later_value > earlier_value) return;
        const char* at = section.has(later) ? later : earlier;
        problems.push_back(
            {section.location(at),
             fmt::format("{}.{}: {} ({}{}) must be greater than {} ({}{})", section.path(), at,
                         later, later_value, section.has(later) ? "" : ", the default", earlier,
                         earlier_value, section.has(earlier) ? "" : ", the default")});
    };
    if (t.new_days < 1) {
        problems.push_back({section.location("new_days"),
                            fmt::format("{}.new_days: must be at least 1 day, got {}",
                                        section.path(), t.new_days)});
    }
    order("new_days", t.new_days, "at_risk_days", t.at_risk_days);
    order("at_risk_days", t.at_risk_days, "lapsed_days", t.lapsed_days);
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return t;
}

std::string phase_of(const OrderHistory& history, Timestamp as_of, const Thresholds& t) {
    if (history.count == 0) return kProspect;
    const auto silence = days_between(history.last, as_of);
    if (silence >= Days{t.lapsed_days}) return kLapsed;
    if (silence >= Days{t.at_risk_days}) return kAtRisk;
    if (history.before_last &&
        days_between(*history.before_last, history.last) >= Days{t.lapsed_days}) {
        return kWonBack;
    }
    if (days_between(history.first, as_of) < Days{t.new_days}) return kNew;
    return kActive;
}

}  // namespace moshtari::lifecycle
