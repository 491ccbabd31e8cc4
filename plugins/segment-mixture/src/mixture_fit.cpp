#include "mixture_fit.hpp"

#include <cmath>
#include <vector>

#include "class_probabilities.hpp"
#include "column_blocks.hpp"
#include "column_sample.hpp"
#include "diagonal_em.hpp"
#include "kmeans.hpp"

namespace moshtari::mixture {

namespace {

// Lloyd's iterations before EM: enough to start EM near the classes; EM does the rest.
constexpr int kStartIterations = 20;
constexpr double kStartTolerance = 1e-4;

// k-means' classes as EM's start: their shares, means and (floored) per-feature variances.
DiagonalMixture kmeans_start(const arma::mat& data, const FitOptions& options) {
    const std::size_t k = options.classes, d = data.n_rows, n = data.n_cols;
    const auto start =
        clustering::kmeans(data, {k, options.seed, kStartIterations, kStartTolerance});
    DiagonalMixture mixture{arma::rowvec(k, arma::fill::zeros), start.means,
                            arma::mat(d, k, arma::fill::zeros)};
    for (std::size_t j = 0; j < n; ++j) {
        const auto g = start.labels[j];
        mixture.variances.col(g) += arma::square(data.col(j) - start.means.col(g));
        mixture.weights[g] += 1;
    }
    for (std::size_t g = 0; g < k; ++g) {
        mixture.variances.col(g) =
            arma::clamp(mixture.variances.col(g) / std::max(1.0, mixture.weights[g]),
                        kVarianceFloor, arma::datum::inf);
    }
    mixture.weights /= static_cast<double>(n);
    return mixture;
}

// Memberships, log-likelihood and BIC from each column's log(weight) + log density per class, on
// every core.
MixtureFit with_memberships(MixtureFit fit, arma::mat joint, const FitOptions& options) {
    const std::size_t d = fit.means.n_rows, k = joint.n_rows, n = joint.n_cols;
    std::vector<double> block_likelihood(clustering::column_blocks(n), 0.0);
    clustering::for_each_column_block(n, [&](std::size_t b, std::size_t first, std::size_t last) {
        for (std::size_t j = first; j < last; ++j)
            block_likelihood[b] += to_probabilities(joint.colptr(j), k);
    });
    fit.memberships = std::move(joint);
    fit.log_likelihood = 0;
    for (const double likelihood : block_likelihood) fit.log_likelihood += likelihood;
    fit.parameters = free_parameters(options.classes, d, options.covariance);
    fit.bic = -2.0 * fit.log_likelihood + static_cast<double>(fit.parameters) * std::log(n);
    return fit;
}

std::optional<MixtureFit> fit_diagonal(const arma::mat& data, const FitOptions& options) {
    DiagonalMixture mixture = kmeans_start(data, options);
    MixtureFit fit;
    double previous = -arma::datum::inf;
    while (fit.iterations < options.max_iterations) {
        const auto average = em_iteration(data, mixture, kVarianceFloor);
        if (!average) return std::nullopt;
        ++fit.iterations;
        if (std::abs(*average - previous) < options.tolerance) {
            fit.converged = true;
            break;
        }
        previous = *average;
    }
    fit.weights = mixture.weights;
    fit.means = mixture.means;
    fit.variances = mixture.variances;
    return with_memberships(std::move(fit), log_joint(data, mixture), options);
}

// Armadillo's EM (gmm_full), one iteration per learn() call so that the log-likelihood can be
// checked between them on the probe (Armadillo's own test waits until it does not change at all).
std::optional<MixtureFit> fit_full(const arma::mat& data, const FitOptions& options) {
    const std::size_t k = options.classes, d = data.n_rows, n = data.n_cols;
    const DiagonalMixture start = kmeans_start(data, options);
    arma::cube covariances(d, d, k);
    for (std::size_t g = 0; g < k; ++g)
        covariances.slice(g) = arma::diagmat(start.variances.col(g));
    arma::gmm_full model;
    model.set_params(start.means, covariances, start.weights);
    const arma::uvec probe_columns =
        arma::conv_to<arma::uvec>::from(clustering::sample_columns(n, kProbeSize, options.seed));
    const arma::mat probe = data.cols(probe_columns);
    MixtureFit fit;
    double previous = -arma::datum::inf;
    while (fit.iterations < options.max_iterations) {
        if (!model.learn(data, k, arma::eucl_dist, arma::keep_existing, 0, 1, kVarianceFloor,
                         false))
            return std::nullopt;
        ++fit.iterations;
        const double average = model.avg_log_p(probe);
        if (std::abs(average - previous) < options.tolerance) {
            fit.converged = true;
            break;
        }
        previous = average;
    }
    fit.weights = model.hefts;
    fit.means = model.means;
    fit.variances.set_size(d, k);
    for (std::size_t g = 0; g < k; ++g) fit.variances.col(g) = model.fcovs.slice(g).diag();
    arma::mat joint(k, n);
    for (std::size_t g = 0; g < k; ++g)
        joint.row(g) = model.log_p(data, static_cast<arma::uword>(g)) + std::log(fit.weights[g]);
    return with_memberships(std::move(fit), std::move(joint), options);
}

}  // namespace

std::size_t free_parameters(std::size_t classes, std::size_t features, Covariance covariance) {
    const std::size_t per_class_covariance =
        covariance == Covariance::diagonal ? features : features * (features + 1) / 2;
    return (classes - 1) + classes * features + classes * per_class_covariance;
}

std::optional<MixtureFit> fit_mixture(const arma::mat& data, const FitOptions& options) {
    if (options.covariance == Covariance::diagonal) return fit_diagonal(data, options);
    return fit_full(data, options);
}

}  // namespace moshtari::mixture
