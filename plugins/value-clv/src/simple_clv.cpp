#include "simple_clv.hpp"

#include <cmath>

namespace moshtari::value {

SimpleClv simple_clv(const SimpleSettings& s) {
    SimpleClv clv;
    const double margin_per_period = s.margin_per_order_minor * s.purchases_per_period;
    for (int t = 1; t <= s.horizon; ++t) {
        SimplePeriod p;
        p.period = t;
        p.survival = std::pow(s.retention_rate, t - 1);
        p.margin_minor = margin_per_period * std::pow(1 + s.inflation_rate, t - 1) * p.survival;
        p.discounted_minor = p.margin_minor / std::pow(1 + s.discount_rate, t);
        clv.total_minor += p.discounted_minor;
        clv.periods.push_back(p);
    }
    return clv;
}

}  // namespace moshtari::value
