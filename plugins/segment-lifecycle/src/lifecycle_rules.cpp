#include "lifecycle_rules.hpp"

namespace moshtari::lifecycle {

namespace {
using Days = std::chrono::days;
Days days_between(Timestamp from, Timestamp to) { return std::chrono::floor<Days>(to - from); }
}  // namespace

Thresholds Thresholds::from_config(const ConfigSection& section) {
    section.allow_only({"new_days", "at_risk_days", "lapsed_days"});
    Thresholds t;
    t.new_days = section.get<int>("new_days", t.new_days);
    t.at_risk_days = section.get<int>("at_risk_days", t.at_risk_days);
    t.lapsed_days = section.get<int>("lapsed_days", t.lapsed_days);
    if (t.new_days < 1) section.fail("new_days", "must be at least 1 day");
    if (t.at_risk_days <= t.new_days) {
        section.fail("at_risk_days", "must be greater than new_days (" + std::to_string(t.new_days) + ")");
    }
    if (t.lapsed_days <= t.at_risk_days) {
        section.fail("lapsed_days", "must be greater than at_risk_days (" + std::to_string(t.at_risk_days) + ")");
    }
    return t;
}

std::string phase_of(const OrderHistory& history, Timestamp as_of, const Thresholds& t) {
    if (history.count == 0) return kProspect;
    const auto silence = days_between(history.last, as_of);
    if (silence >= Days{t.lapsed_days}) return kLapsed;
    if (silence >= Days{t.at_risk_days}) return kAtRisk;
    if (history.before_last && days_between(*history.before_last, history.last) >= Days{t.lapsed_days}) {
        return kWonBack;
    }
    if (days_between(history.first, as_of) < Days{t.new_days}) return kNew;
    return kActive;
}

}  // namespace moshtari::lifecycle
