#include "bg_nbd.hpp"

// Boost 1.74's hypergeometric_pFq.hpp uses lgamma and expm1 without including them.
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>
#include <cmath>

#include "maximum_likelihood.hpp"
#include "moshtari/error.hpp"

namespace moshtari::value {

namespace {

using boost::math::digamma;
using boost::math::lgamma;
using std::log;

// Above this value of (a-1)(-ln(1-z)) the expectation uses the untransformed series.
constexpr double kLargeDropoutShape = 30;

// The terms of one customer's log-likelihood that depend on x alone, and their derivatives:
// ln[Gamma(r+x) alpha^r / Gamma(r)] + ln[B(a, b+x) / B(a, b)].
struct CountTerms {
    double value = 0;
    double d_r = 0, d_alpha = 0, d_a = 0, d_b = 0;
};

CountTerms count_terms(const BgNbd& m, int x) {
    const double ab = m.a + m.b;
    CountTerms t;
    t.value = lgamma(m.r + x) - lgamma(m.r) + m.r * log(m.alpha) + lgamma(ab) + lgamma(m.b + x) -
              lgamma(m.b) - lgamma(ab + x);
    t.d_r = digamma(m.r + x) - digamma(m.r) + log(m.alpha);
    t.d_alpha = m.r / m.alpha;
    t.d_a = digamma(ab) - digamma(ab + x);
    t.d_b = digamma(ab) + digamma(m.b + x) - digamma(m.b) - digamma(ab + x);
    return t;
}

}  // namespace

double log_likelihood(const BgNbd& m, const std::vector<HistoryGroup>& groups,
                      std::vector<double>* gradient) {
    int max_x = 0;
    for (const auto& g : groups) max_x = std::max(max_x, g.history.x);
    // x is a small count shared by many customers: the Gamma functions are computed once per x.
    std::vector<CountTerms> by_count(static_cast<std::size_t>(max_x) + 1);
    std::vector<bool> computed(by_count.size(), false);
    for (const auto& g : groups) {
        const auto x = static_cast<std::size_t>(g.history.x);
        if (!computed[x]) by_count[x] = count_terms(m, g.history.x), computed[x] = true;
    }

    double total = 0;
    double d_r = 0, d_alpha = 0, d_a = 0, d_b = 0;
    for (const auto& g : groups) {
        const auto& h = g.history;
        const CountTerms& c = by_count[static_cast<std::size_t>(h.x)];
        const double rx = m.r + h.x;
        // Alive at T: -(r+x) ln(alpha+T). Dropped out after the last purchase (x > 0 only):
        // ln a - ln(b+x-1) - (r+x) ln(alpha+t_x). The customer's likelihood is their sum.
        const double alive = -rx * log(m.alpha + h.T);
        double ll = c.value + alive;
        double w_dropped = 0, dropped = 0;
        if (h.x > 0) {
            dropped = log(m.a) - log(m.b + h.x - 1) - rx * log(m.alpha + h.t_x);
            const double high = std::max(alive, dropped);
            const double sum = std::exp(alive - high) + std::exp(dropped - high);
            ll = c.value + high + log(sum);
            w_dropped = std::exp(dropped - high) / sum;
        }
        total += g.customers * ll;
        if (!gradient) continue;
        const double w_alive = 1 - w_dropped;
        double gr = c.d_r - w_alive * log(m.alpha + h.T);
        double galpha = c.d_alpha - w_alive * rx / (m.alpha + h.T);
        double ga = c.d_a, gb = c.d_b;
        if (h.x > 0) {
            gr -= w_dropped * log(m.alpha + h.t_x);
            galpha -= w_dropped * rx / (m.alpha + h.t_x);
            ga += w_dropped / m.a;
            gb -= w_dropped / (m.b + h.x - 1);
        }
        d_r += g.customers * gr;
        d_alpha += g.customers * galpha;
        d_a += g.customers * ga;
        d_b += g.customers * gb;
    }
    if (gradient) *gradient = {d_r, d_alpha, d_a, d_b};
    return total;
}

BgNbdFit fit_bg_nbd(const std::vector<HistoryGroup>& groups) {
    double customers = 0, mean_T = 0;
    bool any_repeat = false;
    for (const auto& g : groups) {
        customers += g.customers;
        mean_T += g.customers * g.history.T;
        any_repeat = any_repeat || (g.history.x > 0 && g.customers > 0);
    }
    if (!any_repeat) {
        throw UserError(
            "no customer has a repeat purchase in the calibration period, so the BG/NBD model "
            "has nothing to learn the purchase rate from; choose a later date or import more "
            "orders");
    }
    // alpha is a time scale: starting it at the mean age saves the optimiser a long walk.
    const double start_alpha = std::max(mean_T / customers, 1.0);
    const auto fitted = maximise_likelihood(
        [&groups](const std::vector<double>& p, std::vector<double>& gradient) {
            return log_likelihood({p[0], p[1], p[2], p[3]}, groups, &gradient);
        },
        {1.0, start_alpha, 1.0, 1.0}, "BG/NBD");
    const auto& p = fitted.parameters;
    return {{p[0], p[1], p[2], p[3]}, fitted.log_likelihood, fitted.evaluations, fitted.stopped};
}

double probability_alive(const BgNbd& m, const PurchaseHistory& h) {
    if (h.x == 0) return 1;
    const double log_odds_dropped =
        log(m.a) - log(m.b + h.x - 1) + (m.r + h.x) * (log(m.alpha + h.T) - log(m.alpha + h.t_x));
    return 1 / (1 + std::exp(log_odds_dropped));
}

double expected_purchases(const BgNbd& m, const PurchaseHistory& h, double t) {
    if (t <= 0) return 0;
    // E = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)] P(alive)
    // with z = t/(alpha+T+t), so ((alpha+T)/(alpha+T+t)) = 1-z. The hypergeometric series run in
    // long double, whose range holds the large intermediate sums of frequent buyers.
    const double z = t / (m.alpha + h.T + t);
    const double e = m.a - 1;
    const double C = m.a + m.b + h.x - 1;
    const double log_1mz = std::log1p(-z);
    double bracket = 0;  // the square bracket divided by a-1
    if (e * -log_1mz <= kLargeDropoutShape) {
        // Euler's transformation turns (1-z)^(r+x) 2F1(...) into (1-z)^e 2F1(A, e; C; z) with
        // A = a+b-1-r, whose parameters stay small however large x is. With 2F1(A, e; C; z) =
        // 1 + e S, S = (A z / C) 3F2(A+1, 1+e, 1; C+1, 2; z), the bracket divided by e is
        // (1 - (1-z)^e)/e - (1-z)^e S: no 0/0 at a = 1, where it tends to -ln(1-z) - S.
        const double A = m.a + m.b - 1 - m.r;
        const long double S =
            A * z / C *
            boost::math::hypergeometric_pFq({A + 1.0L, 1.0L + e, 1.0L}, {C + 1.0L, 2.0L},
                                            static_cast<long double>(z));
        const double first = e == 0 ? -log_1mz : -std::expm1(e * log_1mz) / e;
        bracket = first - static_cast<double>(std::exp(e * log_1mz) * S);
    } else {
        // a is far above 1 (a dropout probability the customers share): (1-z)^e underflows and S
        // overflows in the transformed form, while the original series converges fast.
        const long double F = boost::math::hypergeometric_pFq(
            {m.r + h.x + 0.0L, m.b + h.x + 0.0L}, {C + 0.0L}, static_cast<long double>(z));
        bracket = static_cast<double>((1 - std::exp((m.r + h.x) * log_1mz) * F) / e);
    }
    return C * bracket * probability_alive(m, h);
}

}  // namespace moshtari::value
