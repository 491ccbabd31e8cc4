#pragma once
// Maximum likelihood over strictly positive parameters, shared by the BG/NBD and Gamma-Gamma fits:
// NLopt's L-BFGS on the logarithms of the parameters (so every step stays above zero), with the
// model's analytic gradient.

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace moshtari::value {

// The log-likelihood at `parameters`; fills `gradient` (same size) with its partial derivatives.
using LogLikelihood =
    std::function<double(const std::vector<double>& parameters, std::vector<double>& gradient)>;

struct MaximumLikelihood {
    std::vector<double> parameters;
    double log_likelihood = 0;
    int evaluations = 0;
    // Empty when the optimiser converged; otherwise why it stopped at the best point it found.
    // Typically the likelihood keeps rising towards a parameter's infinity (a Gamma-Gamma p when
    // each customer's purchases are worth about the same): the estimates then describe that limit.
    std::string stopped{};
};

// One customer's (or group's) log-likelihood and its partial derivatives by the N parameters, as a
// parallel pass leaves them for sum_in_order().
template <std::size_t N>
struct LikelihoodTerms {
    double ll = 0;
    std::array<double, N> d{};
};

// The terms' total log-likelihood, summed in their order so that it does not depend on the
// threads that computed them; with `gradient`, also the summed derivatives, in the same order.
template <std::size_t N>
double sum_in_order(const std::vector<LikelihoodTerms<N>>& terms, std::vector<double>* gradient) {
    double total = 0;
    std::array<double, N> d{};
    for (const auto& t : terms) {
        total += t.ll;
        if (!gradient) continue;
        for (std::size_t k = 0; k < N; ++k) d[k] += t.d[k];
    }
    if (gradient) gradient->assign(d.begin(), d.end());
    return total;
}

// Starts from `start` (each above zero) and keeps every parameter within [1e-8, 1e8]. `model`
// names the model in errors. Throws UserError when the likelihood is not finite at the start or
// the end, or NLopt refuses the problem; rethrows what the likelihood throws.
MaximumLikelihood maximise_likelihood(const LogLikelihood& log_likelihood,
                                      const std::vector<double>& start, const std::string& model);

}  // namespace moshtari::value
