#include "kmeans_segmenter.hpp"

#include <fmt/format.h>

#include "cluster_segments.hpp"
#include "column_sample.hpp"
#include "feature_matrix.hpp"
#include "kmeans.hpp"
#include "moshtari/customer_facts.hpp"
#include "moshtari/error.hpp"
#include "moshtari/workspace.hpp"
#include "silhouette.hpp"

namespace moshtari::kmeans {

namespace {

constexpr std::string_view kPrefix = "cluster-";

using clustering::KMeansResult;

// One clustering per k of the range; with more than one, the silhouette of each on the same
// sample and the index of the best (the smaller k on a tie).
struct Choice {
    std::vector<KMeansResult> candidates;
    std::vector<double> silhouettes;
    std::size_t best = 0;
};

Choice choose(const arma::mat& data, const KMeansSettings& s) {
    Choice choice;
    std::vector<std::size_t> ks;
    for (std::size_t k = s.k.min; k <= s.k.max; ++k) {
        ks.push_back(k);
        choice.candidates.push_back(clustering::kmeans(
            data, {k, s.clustering.seed, s.clustering.max_iterations, s.clustering.tolerance}));
    }
    if (ks.size() == 1) return choice;
    std::vector<std::vector<std::uint32_t>> labellings;
    for (const auto& candidate : choice.candidates) labellings.push_back(candidate.labels);
    const auto sample =
        clustering::sample_columns(data.n_cols, s.silhouette_sample, s.clustering.seed);
    choice.silhouettes = clustering::mean_silhouettes(data, sample, labellings, ks);
    for (std::size_t i = 1; i < ks.size(); ++i)
        if (choice.silhouettes[i] > choice.silhouettes[choice.best]) choice.best = i;
    return choice;
}

nlohmann::json parameters(const KMeansSettings& s, const clustering::FeatureMatrix& matrix,
                          const std::string& currency, const Choice& choice) {
    const KMeansResult& chosen = choice.candidates[choice.best];
    auto json = s.to_json();
    json["features"] = matrix.describe();
    json["currency"] = currency;
    json["clustered"] = matrix.data.n_cols;
    json["k"] = chosen.means.n_cols;
    json["iterations"] = chosen.iterations;
    json["converged"] = chosen.converged;
    json["inertia"] = chosen.inertia;
    if (!choice.silhouettes.empty()) {
        auto& tried = json["silhouettes"] = nlohmann::json::array();
        for (std::size_t i = 0; i < choice.candidates.size(); ++i) {
            tried.push_back(
                {{"k", choice.candidates[i].means.n_cols}, {"silhouette", choice.silhouettes[i]}});
        }
    }
    return json;
}

}  // namespace

Segmentation KMeansSegmenter::segment(Workspace& workspace, Timestamp as_of) {
    const auto& features = settings_.clustering.features;
    const CustomerFeatures customers =
        workspace.facts().read(clustering::feature_request(features, as_of));
    const auto matrix = clustering::build_feature_matrix(customers, features);
    const Choice choice = choose(matrix.data, settings_);
    const KMeansResult& chosen = choice.candidates[choice.best];

    const auto order =
        clustering::naming_order(matrix, chosen.means, settings_.clustering.order_by);
    std::vector<std::uint32_t> rank_of(order.size());
    std::vector<SegmentDefinition> segments;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        rank_of[order[rank]] = static_cast<std::uint32_t>(rank);
        segments.push_back({clustering::cluster_name(kPrefix, rank),
                            {{"centroid", matrix.original_point(chosen.means.col(order[rank]))}}});
    }
    clustering::Clustered clustered;
    clustered.rank.reserve(chosen.labels.size());
    for (const auto label : chosen.labels) clustered.rank.push_back(rank_of[label]);
    clustered.score = chosen.distances;
    return clustering::assemble(customers, matrix, std::move(segments), std::move(clustered),
                                settings_.clustering,
                                parameters(settings_, matrix, customers.currency, choice));
}

}  // namespace moshtari::kmeans
