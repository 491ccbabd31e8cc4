#include "mixture_fit.hpp"

#include <cmath>

#include "column_sample.hpp"
#include "kmeans.hpp"

namespace moshtari::mixture {

namespace {

// Lloyd's iterations before EM: enough to start EM near the classes; EM does the rest.
constexpr int kStartIterations = 20;
constexpr double kStartTolerance = 1e-4;

void set_start(arma::gmm_diag& model, const arma::mat& means, const arma::mat& variances,
               const arma::rowvec& weights) {
    model.set_params(means, variances, weights);
}

void set_start(arma::gmm_full& model, const arma::mat& means, const arma::mat& variances,
               const arma::rowvec& weights) {
    arma::cube covariances(means.n_rows, means.n_rows, means.n_cols);
    for (std::size_t g = 0; g < means.n_cols; ++g)
        covariances.slice(g) = arma::diagmat(variances.col(g));
    model.set_params(means, covariances, weights);
}

arma::mat variances_of(const arma::gmm_diag& model) {
    return model.dcovs;
}

arma::mat variances_of(const arma::gmm_full& model) {
    arma::mat variances(model.means.n_rows, model.means.n_cols);
    for (std::size_t g = 0; g < model.means.n_cols; ++g)
        variances.col(g) = model.fcovs.slice(g).diag();
    return variances;
}

// EM from k-means' classes, one iteration per learn() call so that the log-likelihood can be
// checked between them (Armadillo's own test waits until it does not change at all).
template <class Model>
std::optional<MixtureFit> run_em(const arma::mat& data, const FitOptions& options) {
    const std::size_t k = options.classes, d = data.n_rows, n = data.n_cols;
    const auto start =
        clustering::kmeans(data, {k, options.seed, kStartIterations, kStartTolerance});
    arma::mat variances(d, k, arma::fill::zeros);
    arma::rowvec weights(k, arma::fill::zeros);
    for (std::size_t j = 0; j < n; ++j) {
        const auto g = start.labels[j];
        variances.col(g) += arma::square(data.col(j) - start.means.col(g));
        weights[g] += 1;
    }
    for (std::size_t g = 0; g < k; ++g)
        variances.col(g) = arma::clamp(variances.col(g) / std::max(1.0, weights[g]), kVarianceFloor,
                                       arma::datum::inf);
    weights /= static_cast<double>(n);

    Model model;
    set_start(model, start.means, variances, weights);
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
    fit.variances = variances_of(model);

    // log(weight) + log density per class and column; their log-sum-exp is the column's
    // log-likelihood, and their normalised exponentials its memberships.
    arma::mat joint(k, n);
    for (std::size_t g = 0; g < k; ++g)
        joint.row(g) = model.log_p(data, static_cast<arma::uword>(g)) + std::log(fit.weights[g]);
    const arma::rowvec top = arma::max(joint, 0);
    joint.each_row() -= top;
    joint = arma::exp(joint);
    const arma::rowvec total = arma::sum(joint, 0);
    joint.each_row() /= total;
    fit.memberships = std::move(joint);
    fit.log_likelihood = arma::accu(top + arma::log(total));
    fit.parameters = free_parameters(k, d, options.covariance);
    fit.bic = -2.0 * fit.log_likelihood + static_cast<double>(fit.parameters) * std::log(n);
    return fit;
}

}  // namespace

std::size_t free_parameters(std::size_t classes, std::size_t features, Covariance covariance) {
    const std::size_t per_class_covariance =
        covariance == Covariance::diagonal ? features : features * (features + 1) / 2;
    return (classes - 1) + classes * features + classes * per_class_covariance;
}

std::optional<MixtureFit> fit_mixture(const arma::mat& data, const FitOptions& options) {
    if (options.covariance == Covariance::diagonal) return run_em<arma::gmm_diag>(data, options);
    return run_em<arma::gmm_full>(data, options);
}

}  // namespace moshtari::mixture
