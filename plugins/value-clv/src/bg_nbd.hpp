#pragma once
// The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting Your Customers the
// Easy Way", Marketing Science 24(2)): while alive a customer buys at a Poisson rate drawn from
// Gamma(r, alpha); after each purchase they drop out with a probability drawn from Beta(a, b).

#include <string>
#include <vector>

namespace moshtari::value {

// A customer's calibration-period history, times in periods since their first purchase.
struct PurchaseHistory {
    int x = 0;       // repeat transactions (the first purchase does not count)
    double t_x = 0;  // time of the last one (0 when x = 0)
    double T = 0;    // time from the first purchase to the end of the calibration period

    friend bool operator==(const PurchaseHistory&, const PurchaseHistory&) = default;
};

// Customers sharing one history: the likelihood is evaluated once per distinct history.
struct HistoryGroup {
    PurchaseHistory history{};
    double customers = 0;
};

struct BgNbd {
    double r = 0;
    double alpha = 0;
    double a = 0;
    double b = 0;
};

// The log-likelihood of the groups (equation (6) of the paper, summed with weights); when
// `gradient` is given it receives d/d(r, alpha, a, b).
double log_likelihood(const BgNbd& model, const std::vector<HistoryGroup>& groups,
                      std::vector<double>* gradient = nullptr);

struct BgNbdFit {
    BgNbd model{};
    double log_likelihood = 0;
    int evaluations = 0;
    std::string stopped{};  // empty when the optimiser converged (see maximum_likelihood.hpp)
};

// Maximum likelihood; UserError when no customer has a repeat purchase (nothing to learn from).
BgNbdFit fit_bg_nbd(const std::vector<HistoryGroup>& groups);

// P(alive | x, t_x, T): the probability that the customer has not dropped out by T.
double probability_alive(const BgNbd& model, const PurchaseHistory& history);

// E[Y(t) | x, t_x, T]: purchases expected in the `t` periods after T (the paper's conditional
// expectation). Computed through the Euler transformation of Fader & Hardie's note 027, which
// holds for frequent buyers and for every a, a = 1 included; when a is large (the customers share
// one dropout probability) through the paper's own series, which is then the stable one.
double expected_purchases(const BgNbd& model, const PurchaseHistory& history, double t);

}  // namespace moshtari::value
