#include "bg_nbd.hpp"

// Boost 1.74's hypergeometric_pFq.hpp uses lgamma and expm1 without including them.
#include <algorithm>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>
#include <cmath>
#include <cstdint>
#include <unordered_map>

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

// The groups as every evaluation walks them. T and t_x are whole days in periods, so a million
// customers' histories share a few thousand distinct times: ln(alpha + time) is taken once per
// time and evaluation instead of up to four times per group, and ln(a), ln(b+x-1) once per
// evaluation and count. Each group's terms (an exp and a log) are computed in parallel, then
// summed in the groups' order by one thread: the same doubles in the same order as one loop gave,
// so a fit walks the same path however many threads there are.
class GroupLikelihood {
  public:
    explicit GroupLikelihood(const std::vector<HistoryGroup>& groups)
        : groups_(groups), terms_(groups.size()) {
        std::unordered_map<double, std::uint32_t> index;
        const auto index_of = [this, &index](double time) {
            const auto [found, fresh] =
                index.try_emplace(time, static_cast<std::uint32_t>(times_.size()));
            if (fresh) times_.push_back(time);
            return found->second;
        };
        int max_x = 0;
        for (const auto& g : groups) max_x = std::max(max_x, g.history.x);
        present_.assign(static_cast<std::size_t>(max_x) + 1, false);
        time_of_.reserve(groups.size());
        for (const auto& g : groups) {
            time_of_.push_back({index_of(g.history.T), index_of(g.history.t_x)});
            present_[static_cast<std::size_t>(g.history.x)] = true;
        }
    }

    double operator()(const BgNbd& m, std::vector<double>* gradient) const {
        std::vector<CountTerms> by_count(present_.size());
        std::vector<double> log_b_x(present_.size());  // ln(b+x-1), for x > 0
        for (std::size_t x = 0; x < present_.size(); ++x) {
            if (!present_[x]) continue;
            by_count[x] = count_terms(m, static_cast<int>(x));
            if (x > 0) log_b_x[x] = log(m.b + static_cast<int>(x) - 1);
        }
        std::vector<double> log_alpha_time(times_.size());
        for (std::size_t i = 0; i < times_.size(); ++i) {
            log_alpha_time[i] = log(m.alpha + times_[i]);
        }
        const double log_a = log(m.a);

        const auto n = static_cast<std::ptrdiff_t>(groups_.size());
#pragma omp parallel for schedule(static)
        for (std::ptrdiff_t i = 0; i < n; ++i) {
            const HistoryGroup& g = groups_[static_cast<std::size_t>(i)];
            const auto& h = g.history;
            const TimeIndex& at = time_of_[static_cast<std::size_t>(i)];
            const auto x = static_cast<std::size_t>(h.x);
            const CountTerms& c = by_count[x];
            const double log_alpha_T = log_alpha_time[at.T];
            const double log_alpha_t_x = log_alpha_time[at.t_x];
            const double rx = m.r + h.x;
            // Alive at T: -(r+x) ln(alpha+T). Dropped out after the last purchase (x > 0 only):
            // ln a - ln(b+x-1) - (r+x) ln(alpha+t_x). The customer's likelihood is their sum.
            const double alive = -rx * log_alpha_T;
            double ll = c.value + alive;
            double w_dropped = 0;
            if (h.x > 0) {
                const double dropped = log_a - log_b_x[x] - rx * log_alpha_t_x;
                // The larger term's exponential is exp(0) = 1: only the other one is computed.
                const bool dropped_higher = alive < dropped;
                const double high = dropped_higher ? dropped : alive;
                const double low_share = std::exp((dropped_higher ? alive : dropped) - high);
                const double sum = 1 + low_share;
                ll = c.value + high + log(sum);
                w_dropped = (dropped_higher ? 1 : low_share) / sum;
            }
            Terms& t = terms_[static_cast<std::size_t>(i)];
            t.ll = g.customers * ll;
            if (!gradient) continue;
            const double w_alive = 1 - w_dropped;
            double gr = c.d_r - w_alive * log_alpha_T;
            double galpha = c.d_alpha - w_alive * rx / (m.alpha + h.T);
            double ga = c.d_a, gb = c.d_b;
            if (h.x > 0) {
                gr -= w_dropped * log_alpha_t_x;
                galpha -= w_dropped * rx / (m.alpha + h.t_x);
                ga += w_dropped / m.a;
                gb -= w_dropped / (m.b + h.x - 1);
            }
            t.d = {g.customers * gr, g.customers * galpha, g.customers * ga, g.customers * gb};
        }
        return sum_in_order(terms_, gradient);
    }

  private:
    struct TimeIndex {
        std::uint32_t T, t_x;
    };

    // A group's log-likelihood and its derivatives by r, alpha, a and b, times its customers.
    using Terms = LikelihoodTerms<4>;

    const std::vector<HistoryGroup>& groups_;
    mutable std::vector<Terms> terms_;  // by group: scratch for each evaluation
    std::vector<double> times_;         // every distinct T and t_x
    std::vector<TimeIndex> time_of_;    // each group's, as indices into times_
    std::vector<bool> present_;         // by x: whether a group has it
};

}  // namespace

double log_likelihood(const BgNbd& m, const std::vector<HistoryGroup>& groups,
                      std::vector<double>* gradient) {
    return GroupLikelihood(groups)(m, gradient);
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
    const GroupLikelihood likelihood(groups);
    const auto fitted = maximise_likelihood(
        [&likelihood](const std::vector<double>& p, std::vector<double>& gradient) {
            return likelihood({p[0], p[1], p[2], p[3]}, &gradient);
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
