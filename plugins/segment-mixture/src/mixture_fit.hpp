#pragma once
// One Gaussian mixture fitted by EM (diagonal_em.hpp for diagonal covariances, Armadillo's gmm_full
// for full ones), started from k-means++ and Lloyd's iterations, with its log-likelihood, BIC and
// every column's class probabilities.

#include <armadillo>
#include <cstdint>
#include <optional>

namespace moshtari::mixture {

enum class Covariance { diagonal, full };

struct FitOptions {
    std::size_t classes = 1;
    Covariance covariance = Covariance::diagonal;
    std::uint64_t seed = 1;
    int max_iterations = 100;
    // Converged when the average log-likelihood per customer changes less than this from one
    // iteration to the next (scikit-learn's rule): measured on every customer for diagonal
    // covariances, on a seeded sample of kProbeSize customers for full ones.
    double tolerance = 1e-3;
};

struct MixtureFit {
    arma::rowvec weights;   // per class
    arma::mat means;        // features x classes
    arma::mat variances;    // features x classes: the diagonal of each class's covariance
    arma::mat memberships;  // classes x columns: each column's class probabilities
    double log_likelihood = 0;
    std::size_t parameters = 0;  // free parameters, as BIC counts them
    double bic = 0;              // -2 log-likelihood + parameters * ln(columns)
    int iterations = 0;
    bool converged = false;
};

// How many customers the convergence test of a full-covariance fit measures the log-likelihood on
// (Armadillo's EM does not say what it computed): an estimate of the average's change within a
// fraction of a percent, at a tenth of an EM iteration's cost for a million customers.
inline constexpr std::size_t kProbeSize = 100'000;

// The variance floor EM keeps every class above, in the clustering space.
inline constexpr double kVarianceFloor = 1e-6;

// Free parameters of a mixture: weights (less one), means and (co)variances.
std::size_t free_parameters(std::size_t classes, std::size_t features, Covariance covariance);

// Nothing when EM fails (a class left without weight; for full covariances, a degenerate class).
// Throws UserError when there are fewer columns than classes.
std::optional<MixtureFit> fit_mixture(const arma::mat& data, const FitOptions& options);

}  // namespace moshtari::mixture
