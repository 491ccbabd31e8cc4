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

// The customers as every evaluation walks them: ln(mean) depends on no parameter and is taken
// once, not once per customer and evaluation; ln(gamma) once per evaluation, the Gamma functions
// once per x. Each customer's terms are computed in parallel, then summed in the customers' order
// by one thread: the same doubles in the same order as one loop gave.
class SpendLikelihood {
  public:
    explicit SpendLikelihood(const std::vector<SpendHistory>& customers)
        : customers_(customers), terms_(customers.size()) {
        int max_x = 0;
        log_mean_.reserve(customers.size());
        for (const auto& c : customers) {
            max_x = std::max(max_x, c.x);
            log_mean_.push_back(log(c.average));
        }
        present_.assign(static_cast<std::size_t>(max_x) + 1, false);
        for (const auto& c : customers) present_[static_cast<std::size_t>(c.x)] = true;
    }

    double operator()(const GammaGamma& m, std::vector<double>* gradient) const {
        std::vector<CountTerms> by_count(present_.size());
        for (std::size_t x = 0; x < present_.size(); ++x) {
            if (!present_[x]) continue;
            const double px = m.p * static_cast<int>(x);
            const double psi_all = digamma(px + m.q);
            const double log_x = log(static_cast<double>(x));
            by_count[x] = {lgamma(px + m.q) - lgamma(px) - lgamma(m.q) + px * log_x,
                           static_cast<int>(x) * (psi_all - digamma(px) + log_x),
                           psi_all - digamma(m.q)};
        }
        const double log_gamma = log(m.gamma);
        const auto n = static_cast<std::ptrdiff_t>(customers_.size());
#pragma omp parallel for schedule(static)
        for (std::ptrdiff_t i = 0; i < n; ++i) {
            const SpendHistory& c = customers_[static_cast<std::size_t>(i)];
            const CountTerms& t = by_count[static_cast<std::size_t>(c.x)];
            const double px = m.p * c.x;
            // f(mean | x) = Gamma(px+q) / (Gamma(px) Gamma(q)) gamma^q mean^(px-1) x^(px)
            //               / (gamma + mean x)^(px+q)
            const double log_mean = log_mean_[static_cast<std::size_t>(i)];
            const double log_pooled = log(m.gamma + c.average * c.x);
            Terms& out = terms_[static_cast<std::size_t>(i)];
            out.ll = t.value + m.q * log_gamma + (px - 1) * log_mean - (px + m.q) * log_pooled;
            if (!gradient) continue;
            out.d = {t.d_p + c.x * (log_mean - log_pooled), t.d_q + log_gamma - log_pooled,
                     m.q / m.gamma - (px + m.q) / (m.gamma + c.average * c.x)};
        }
        return sum_in_order(terms_, gradient);
    }

  private:
    // The terms that depend on x alone, which many customers share.
    struct CountTerms {
        double value = 0, d_p = 0, d_q = 0;
    };
    // One customer's log-likelihood and its derivatives by p, q and gamma.
    using Terms = LikelihoodTerms<3>;

    const std::vector<SpendHistory>& customers_;
    mutable std::vector<Terms> terms_;  // by customer: scratch for each evaluation
    std::vector<double> log_mean_;
    std::vector<bool> present_;  // by x: whether a customer has it
};

}  // namespace

double log_likelihood(const GammaGamma& m, const std::vector<SpendHistory>& customers,
                      std::vector<double>* gradient) {
    return SpendLikelihood(customers)(m, gradient);
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
    const SpendLikelihood likelihood(used);
    const auto fitted = maximise_likelihood(
        [&likelihood](const std::vector<double>& p, std::vector<double>& gradient) {
            return likelihood({p[0], p[1], p[2]}, &gradient);
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
