#pragma once
// The Gamma-Gamma model of spend per transaction (Fader & Hardie 2013, "The Gamma-Gamma Model of
// Monetary Value", after Colombo & Jiang 1999): a customer's transaction values are Gamma(p, nu)
// with nu drawn from Gamma(q, gamma) across customers, independent of how often they buy.

#include <string>
#include <vector>

namespace moshtari::value {

// A customer's repeat transactions: how many and their mean value, in currency units.
struct SpendHistory {
    int x = 0;
    double average = 0;
};

struct GammaGamma {
    double p = 0;
    double q = 0;
    double gamma = 0;
};

// The log-likelihood of the customers' mean values (x > 0 and average > 0 each); when `gradient`
// is given it receives d/d(p, q, gamma).
double log_likelihood(const GammaGamma& model, const std::vector<SpendHistory>& customers,
                      std::vector<double>* gradient = nullptr);

struct GammaGammaFit {
    GammaGamma model{};
    double log_likelihood = 0;
    int customers = 0;
    int evaluations = 0;
    std::string stopped{};  // empty when the optimiser converged (see maximum_likelihood.hpp)
};

// Maximum likelihood over the customers with a repeat transaction of positive mean value (the
// others are left out, as in the note). UserError when none is left, or when q <= 1: then the
// fitted spend has no finite mean and no spend can be predicted.
GammaGammaFit fit_gamma_gamma(const std::vector<SpendHistory>& customers);

// E[M | x, mean]: the customer's expected value per transaction, a weighted mean of the population
// mean p gamma / (q - 1) and their own mean; the population mean when x = 0.
double expected_spend(const GammaGamma& model, const SpendHistory& customer);

}  // namespace moshtari::value
