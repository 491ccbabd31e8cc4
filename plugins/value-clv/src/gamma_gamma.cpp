#include "gamma_gamma.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "maximum_likelihood.hpp"
#include "moshtari/error.hpp"

namespace moshtari::value {

namespace {

using boost::math::digamma;
using boost::math::lgamma;
using std::log;

bool usable(const SpendHistory& c) {
    return c.x > 0 && c.average > 0;
}

}  // namespace

double log_likelihood(const GammaGamma& m, const std::vector<SpendHistory>& customers,
                      std::vector<double>* gradient) {
    // The Gamma functions depend on x alone, which many customers share.
    struct CountTerms {
        double value = 0, d_p = 0, d_q = 0;
        bool computed = false;
    };
    int max_x = 0;
    for (const auto& c : customers) max_x = std::max(max_x, c.x);
    std::vector<CountTerms> by_count(static_cast<std::size_t>(max_x) + 1);
    double total = 0, d_p = 0, d_q = 0, d_gamma = 0;
    for (const auto& c : customers) {
        const double px = m.p * c.x;
        CountTerms& t = by_count[static_cast<std::size_t>(c.x)];
        if (!t.computed) {
            const double psi_all = digamma(px + m.q);
            const double log_x = log(static_cast<double>(c.x));
            t = {lgamma(px + m.q) - lgamma(px) - lgamma(m.q) + px * log_x,
                 c.x * (psi_all - digamma(px) + log_x), psi_all - digamma(m.q), true};
        }
        // f(mean | x) = Gamma(px+q) / (Gamma(px) Gamma(q)) gamma^q mean^(px-1) x^(px)
        //               / (gamma + mean x)^(px+q)
        const double log_mean = log(c.average);
        const double log_pooled = log(m.gamma + c.average * c.x);
        total += t.value + m.q * log(m.gamma) + (px - 1) * log_mean - (px + m.q) * log_pooled;
        if (!gradient) continue;
        d_p += t.d_p + c.x * (log_mean - log_pooled);
        d_q += t.d_q + log(m.gamma) - log_pooled;
        d_gamma += m.q / m.gamma - (px + m.q) / (m.gamma + c.average * c.x);
    }
    if (gradient) *gradient = {d_p, d_q, d_gamma};
    return total;
}

GammaGammaFit fit_gamma_gamma(const std::vector<SpendHistory>& customers) {
    std::vector<SpendHistory> used;
    double mean = 0;
    for (const auto& c : customers) {
        if (!usable(c)) continue;
        used.push_back(c);
        mean += c.average;
    }
    if (used.empty()) {
        throw UserError(
            "no customer has a repeat purchase of positive value in the calibration period, so "
            "the Gamma-Gamma spend model cannot be fitted");
    }
    mean /= static_cast<double>(used.size());
    // gamma has the currency's scale: start it at the mean spend.
    const auto fitted = maximise_likelihood(
        [&used](const std::vector<double>& p, std::vector<double>& gradient) {
            return log_likelihood({p[0], p[1], p[2]}, used, &gradient);
        },
        {1.0, 2.0, mean}, "Gamma-Gamma");
    const auto& p = fitted.parameters;
    if (p[1] <= 1) {
        throw UserError(fmt::format(
            "the Gamma-Gamma fit gives q = {:.4g}, at most 1: the spend per transaction has no "
            "finite mean under it, so no spend can be predicted; the values are too heavy-tailed "
            "(check for outliers such as bulk orders)",
            p[1]));
    }
    return {{p[0], p[1], p[2]},
            fitted.log_likelihood,
            static_cast<int>(used.size()),
            fitted.evaluations,
            fitted.stopped};
}

double expected_spend(const GammaGamma& m, const SpendHistory& c) {
    return m.p * (m.gamma + c.x * c.average) / (m.p * c.x + m.q - 1);
}

}  // namespace moshtari::value
