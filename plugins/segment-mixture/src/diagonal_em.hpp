#pragma once
// EM for a Gaussian mixture with diagonal covariances, one pass over the customers per iteration.
// Armadillo's gmm_diag spends nine exponentials and four log1p per customer on each iteration and
// offers no way to read the log-likelihood it has just computed, so checking convergence cost
// another pass; this pass scores each customer once (k exponentials and one logarithm) and sums
// the log-likelihood on the way.

#include <armadillo>
#include <optional>

namespace moshtari::mixture {

struct DiagonalMixture {
    arma::rowvec weights;  // per class, summing to 1
    arma::mat means;       // features x classes
    arma::mat variances;   // features x classes
};

// One E and M step: replaces `mixture` by its update and returns the average log-likelihood per
// column under the mixture as it was (scikit-learn's convergence measure). Nothing when a class
// is left without weight or a value stops being finite; variances stay at or above `floor`.
std::optional<double> em_iteration(const arma::mat& data, DiagonalMixture& mixture, double floor);

// log(weight) + log density of every column under every class: classes x columns.
arma::mat log_joint(const arma::mat& data, const DiagonalMixture& mixture);

}  // namespace moshtari::mixture
