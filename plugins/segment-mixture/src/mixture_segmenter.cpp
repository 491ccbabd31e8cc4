#include "mixture_segmenter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cluster_segments.hpp"
#include "column_blocks.hpp"
#include "feature_matrix.hpp"
#include "moshtari/customer_facts.hpp"
#include "moshtari/error.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::mixture {

namespace {

constexpr std::string_view kPrefix = "class-";

// Every number of classes of the range fitted; the lowest BIC wins (the fewer classes on a tie).
struct Choice {
    std::optional<MixtureFit> best;
    nlohmann::json tried = nlohmann::json::array();
};

Choice choose(const arma::mat& data, const MixtureSettings& s) {
    Choice choice;
    for (std::size_t k = s.classes.min; k <= s.classes.max; ++k) {
        auto fit = fit_mixture(data, {k, s.covariance, s.clustering.seed,
                                      s.clustering.max_iterations, s.clustering.tolerance});
        if (!fit) {
            choice.tried.push_back({{"classes", k}, {"failed", true}});
            continue;
        }
        choice.tried.push_back({{"classes", k},
                                {"log_likelihood", fit->log_likelihood},
                                {"parameters", fit->parameters},
                                {"bic", fit->bic},
                                {"iterations", fit->iterations},
                                {"converged", fit->converged}});
        if (!choice.best || fit->bic < choice.best->bic) choice.best = std::move(fit);
    }
    if (!choice.best) {
        throw UserError(fmt::format(
            "no Gaussian mixture of {} to {} classes could be fitted: EM left a class without "
            "customers or gave up on a degenerate one; use fewer classes or other features",
            s.classes.min, s.classes.max));
    }
    return choice;
}

// A feature's mean and variance in its own units for a class with `mean` and `variance` in the
// clustering space. Under log1p the class is log-normal in 1 + x: its moments are those of the
// log-normal (mirrored for a class centred below zero).
std::pair<double, double> original_moments(const clustering::FeatureMatrix& matrix, std::size_t f,
                                           double mean, double variance) {
    const double m = mean * matrix.scale[f] + matrix.centre[f];
    const double v = variance * matrix.scale[f] * matrix.scale[f];
    if (matrix.features[f].transform == clustering::Transform::none) return {m, v};
    const double sign = m < 0 ? -1.0 : 1.0;
    const double mu = std::abs(m);
    return {sign * std::expm1(mu + v / 2), std::expm1(v) * std::exp(2 * mu + v)};
}

nlohmann::json describe_class(const clustering::FeatureMatrix& matrix, const MixtureFit& fit,
                              std::size_t g) {
    nlohmann::json means = nlohmann::json::object(), variances = nlohmann::json::object();
    for (std::size_t f = 0; f < matrix.features.size(); ++f) {
        const auto [mean, variance] =
            original_moments(matrix, f, fit.means(f, g), fit.variances(f, g));
        means[matrix.features[f].name] = mean;
        variances[matrix.features[f].name] = variance;
    }
    return {{"weight", fit.weights[g]}, {"mean", means}, {"variance", variances}};
}

// A probability with four decimals, "0.0213", or "0" and "1" when it rounds to either (most of a
// customer's classes round to 0), written by hand: fmt's general formatting took a second and a
// half for a million customers' five classes.
void append_probability(std::string& text, double probability) {
    const auto units = static_cast<int>(std::lround(std::clamp(probability, 0.0, 1.0) * 10'000));
    if (units == 0 || units == 10'000) {
        text += units == 0 ? '0' : '1';
        return;
    }
    char digits[] = "0.0000";
    digits[0] = static_cast<char>('0' + units / 10'000);
    for (int place = 5, rest = units % 10'000; place >= 2; --place, rest /= 10)
        digits[place] = static_cast<char>('0' + rest % 10);
    text.append(digits, 6);
}

// [p1,...,pk]: the probabilities of class-1 ... class-k, four decimals. A list rather than an
// object keyed by name: a million customers' details are a third of the size, and their writing
// was most of a run's time.
std::string memberships_json(const MixtureFit& fit, const std::vector<std::size_t>& order,
                             std::size_t column) {
    std::string text = "[";
    text.reserve(order.size() * 7 + 1);
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        if (rank > 0) text += ',';
        append_probability(text, fit.memberships(order[rank], column));
    }
    text += ']';
    return text;
}

}  // namespace

Segmentation MixtureSegmenter::segment(Workspace& workspace, Timestamp as_of) {
    const auto& features = settings_.clustering.features;
    const CustomerFeatures customers =
        workspace.facts().read(clustering::feature_request(features, as_of));
    const auto matrix = clustering::build_feature_matrix(customers, features);
    Choice choice = choose(matrix.data, settings_);
    const MixtureFit& fit = *choice.best;

    const auto order = clustering::naming_order(matrix, fit.means, settings_.clustering.order_by);
    std::vector<std::uint32_t> rank_of(order.size());
    std::vector<SegmentDefinition> segments;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        rank_of[order[rank]] = static_cast<std::uint32_t>(rank);
        segments.push_back(
            {clustering::cluster_name(kPrefix, rank), describe_class(matrix, fit, order[rank])});
    }
    clustering::Clustered clustered;
    const std::size_t n = matrix.data.n_cols;
    clustered.rank.resize(n);
    clustered.score.resize(n);
    clustered.detail.resize(n);
    // A million customers' JSON takes a while: every core writes its share.
    clustering::for_each_column_block(n, [&](std::size_t, std::size_t first, std::size_t last) {
        for (std::size_t j = first; j < last; ++j) {
            const arma::uword best = fit.memberships.col(j).index_max();
            clustered.rank[j] = rank_of[best];
            clustered.score[j] = fit.memberships(best, j);
            clustered.detail[j] = memberships_json(fit, order, j);
        }
    });

    auto parameters = settings_.to_json();
    parameters["features"] = matrix.describe();
    parameters["currency"] = customers.currency;
    parameters["clustered"] = n;
    parameters["classes"] = order.size();
    parameters["tried"] = std::move(choice.tried);
    return clustering::assemble(customers, matrix, std::move(segments), std::move(clustered),
                                settings_.clustering, std::move(parameters));
}

}  // namespace moshtari::mixture
