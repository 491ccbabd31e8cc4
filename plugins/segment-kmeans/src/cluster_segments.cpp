#include "cluster_segments.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>

namespace moshtari::clustering {

namespace {

nlohmann::json unclustered_description(const FeatureMatrix& matrix) {
    std::string attributes;
    for (const auto& feature : matrix.features)
        if (feature.name.starts_with("attribute:")) attributes += ", or no " + feature.name;
    return {{"rule", "no order by the as-of date" + attributes}};
}

}  // namespace

std::vector<std::size_t> naming_order(const FeatureMatrix& matrix, const arma::mat& centres,
                                      const std::string& order_by) {
    const std::size_t first = feature_index(matrix.features, order_by);
    std::vector<std::size_t> order(centres.n_cols);
    std::iota(order.begin(), order.end(), std::size_t{0});
    const std::size_t d = matrix.features.size();
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        for (std::size_t step = 0; step < d; ++step) {
            const std::size_t f = (first + step) % d;
            const double x = matrix.original(f, centres(f, a));
            const double y = matrix.original(f, centres(f, b));
            if (x != y) return x > y;
        }
        return false;
    });
    return order;
}

std::string cluster_name(std::string_view prefix, std::size_t rank) {
    return fmt::format("{}{}", prefix, rank + 1);
}

Segmentation assemble(const CustomerFeatures& customers, const FeatureMatrix& matrix,
                      std::vector<SegmentDefinition> segments, Clustered clustered,
                      const ClusteringSettings& settings, nlohmann::json parameters) {
    Segmentation s;
    s.parameters = std::move(parameters);
    const bool others = !settings.unclustered_segment.empty();
    const auto unclustered = static_cast<std::uint32_t>(segments.size());
    if (others) segments.push_back({settings.unclustered_segment, unclustered_description(matrix)});
    s.segments = std::move(segments);
    const bool details = !clustered.detail.empty();
    const std::size_t total = others ? customers.size() : matrix.rows.size();
    s.customers.reserve(total);
    s.segment_of.reserve(total);
    s.scores.reserve(total);
    if (details) s.details.reserve(total);
    std::size_t column = 0;
    for (std::size_t row = 0; row < customers.size(); ++row) {
        const bool in_cluster = column < matrix.rows.size() && matrix.rows[column] == row;
        if (!in_cluster && !others) continue;
        s.customers.push_back(customers.ids[row]);
        if (in_cluster) {
            s.segment_of.push_back(clustered.rank[column]);
            s.scores.push_back(clustered.score[column]);
            if (details) s.details.push_back(std::move(clustered.detail[column]));
            ++column;
        } else {
            s.segment_of.push_back(unclustered);
            s.scores.push_back(std::numeric_limits<double>::quiet_NaN());
            if (details) s.details.emplace_back();
        }
    }
    return s;
}

}  // namespace moshtari::clustering
