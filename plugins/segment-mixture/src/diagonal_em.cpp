#include "diagonal_em.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include "class_probabilities.hpp"
#include "column_blocks.hpp"

namespace moshtari::mixture {

namespace {

// What scoring a column needs of each class: log(weight) - log(sqrt(2 pi)^d * prod(sigma)) and
// 1 / (2 variance) per feature.
struct ClassTerms {
    std::vector<double> offset;          // per class
    std::vector<double> half_precision;  // features x classes, column-major like the means
};

ClassTerms class_terms(const DiagonalMixture& mixture) {
    const std::size_t d = mixture.means.n_rows, k = mixture.means.n_cols;
    ClassTerms terms{std::vector<double>(k), std::vector<double>(d * k)};
    for (std::size_t g = 0; g < k; ++g) {
        double log_norm = 0.5 * static_cast<double>(d) * std::log(2 * std::numbers::pi);
        for (std::size_t f = 0; f < d; ++f) {
            const double variance = mixture.variances(f, g);
            log_norm += 0.5 * std::log(variance);
            terms.half_precision[g * d + f] = 0.5 / variance;
        }
        terms.offset[g] = std::log(mixture.weights[g]) - log_norm;
    }
    return terms;
}

// Fills joint[g] with log(weight) + log density of column x under class g.
void score(const ClassTerms& terms, const double* means, const double* x, std::size_t d,
           std::size_t k, double* joint) {
    for (std::size_t g = 0; g < k; ++g) {
        const double* mean = means + g * d;
        const double* half_precision = terms.half_precision.data() + g * d;
        double quadratic = 0;
        for (std::size_t f = 0; f < d; ++f) {
            const double diff = x[f] - mean[f];
            quadratic += diff * diff * half_precision[f];
        }
        joint[g] = terms.offset[g] - quadratic;
    }
}

// One block's share of the next parameters: per class its weight, weighted sums of the features
// and of their squares; and the block's log-likelihood.
struct Sums {
    std::vector<double> weight, sum, square;
    double log_likelihood = 0;
    Sums(std::size_t d, std::size_t k) : weight(k), sum(d * k), square(d * k) {}
};

}  // namespace

std::optional<double> em_iteration(const arma::mat& data, DiagonalMixture& mixture, double floor) {
    const std::size_t d = data.n_rows, n = data.n_cols, k = mixture.means.n_cols;
    const ClassTerms terms = class_terms(mixture);
    const double* means = mixture.means.memptr();
    std::vector<Sums> blocks(clustering::column_blocks(n), Sums(d, k));
    clustering::for_each_column_block(n, [&](std::size_t b, std::size_t first, std::size_t last) {
        Sums& s = blocks[b];
        std::vector<double> p(k);
        for (std::size_t j = first; j < last; ++j) {
            const double* x = data.colptr(j);
            score(terms, means, x, d, k, p.data());
            s.log_likelihood += to_probabilities(p.data(), k);
            for (std::size_t g = 0; g < k; ++g) {
                const double r = p[g];
                s.weight[g] += r;
                for (std::size_t f = 0; f < d; ++f) {
                    const double y = r * x[f];
                    s.sum[g * d + f] += y;
                    s.square[g * d + f] += y * x[f];
                }
            }
        }
    });
    Sums all(d, k);
    for (const Sums& s : blocks) {
        for (std::size_t i = 0; i < k; ++i) all.weight[i] += s.weight[i];
        for (std::size_t i = 0; i < d * k; ++i) {
            all.sum[i] += s.sum[i];
            all.square[i] += s.square[i];
        }
        all.log_likelihood += s.log_likelihood;
    }
    const double average = all.log_likelihood / static_cast<double>(n);
    if (!std::isfinite(average)) return std::nullopt;
    DiagonalMixture next{arma::rowvec(k), arma::mat(d, k), arma::mat(d, k)};
    for (std::size_t g = 0; g < k; ++g) {
        const double weight = all.weight[g];
        if (!(weight > 0) || !std::isfinite(weight)) return std::nullopt;
        next.weights[g] = weight / static_cast<double>(n);
        for (std::size_t f = 0; f < d; ++f) {
            const double mean = all.sum[g * d + f] / weight;
            const double variance = all.square[g * d + f] / weight - mean * mean;
            if (!std::isfinite(mean) || !std::isfinite(variance)) return std::nullopt;
            next.means(f, g) = mean;
            next.variances(f, g) = std::max(variance, floor);
        }
    }
    mixture = std::move(next);
    return average;
}

arma::mat log_joint(const arma::mat& data, const DiagonalMixture& mixture) {
    const std::size_t d = data.n_rows, n = data.n_cols, k = mixture.means.n_cols;
    const ClassTerms terms = class_terms(mixture);
    arma::mat joint(k, n);
    clustering::for_each_column_block(n, [&](std::size_t, std::size_t first, std::size_t last) {
        for (std::size_t j = first; j < last; ++j)
            score(terms, mixture.means.memptr(), data.colptr(j), d, k, joint.colptr(j));
    });
    return joint;
}

}  // namespace moshtari::mixture
