#include "rfm_segmenter.hpp"

#include <future>

#include "moshtari/customer_facts.hpp"
#include "moshtari/workspace.hpp"
#include "quantile_scores.hpp"

namespace moshtari::rfm {

Segmentation segment_customers(const CustomerFeatures& features, const Settings& settings,
                               const std::vector<std::uint32_t>& cells) {
    // The customers with an order by as_of are scored among themselves, in the rows they have in
    // `features`.
    std::vector<std::size_t> scored;
    scored.reserve(features.size());
    for (std::size_t row = 0; row < features.size(); ++row)
        if (features.orders[row] > 0) scored.push_back(row);

    const auto score_by = [&](auto value_of_row) {
        std::vector<double> values(scored.size());
        for (std::size_t i = 0; i < scored.size(); ++i) values[i] = value_of_row(scored[i]);
        return quantile_scores(values, settings.bins);
    };
    // Recency: the later the last order, the higher the score, so rank on minus the days. The
    // scores are independent, so recency is scored on a thread of its own meanwhile.
    auto recency = std::async(std::launch::async, [&] {
        return score_by([&](std::size_t row) { return -features.recency_days[row]; });
    });
    const auto f =
        score_by([&](std::size_t row) { return static_cast<double>(features.orders[row]); });
    const auto m = score_by([&](std::size_t row) {
        return settings.monetary == Monetary::total ? static_cast<double>(features.spend_minor[row])
                                                    : features.average_spend_minor(row);
    });
    const auto r = recency.get();

    Segmentation result;
    result.parameters = settings.to_json();
    result.parameters["currency"] = features.currency;
    for (const auto& rule : settings.segments)
        result.segments.push_back({rule.name, rule.description()});
    const bool keep_prospects = !settings.prospects.empty();
    if (keep_prospects)
        result.segments.push_back({settings.prospects, "no order by as_of: not scored"});
    const auto prospect_segment = static_cast<std::uint32_t>(settings.segments.size());

    const std::size_t n = keep_prospects ? features.size() : scored.size();
    result.customers.reserve(n);
    result.segment_of.reserve(n);
    result.scores.reserve(n);
    std::size_t next = 0;  // into `scored`
    for (std::size_t row = 0; row < features.size(); ++row) {
        const bool has_orders = next < scored.size() && scored[next] == row;
        if (!has_orders && !keep_prospects) continue;
        result.customers.push_back(features.ids[row]);
        if (!has_orders) {
            result.segment_of.push_back(prospect_segment);
            result.scores.push_back(0);
            continue;
        }
        const Cell cell{r[next], f[next], m[next]};
        ++next;
        result.segment_of.push_back(cells[cell_index(cell, settings.bins)]);
        result.scores.push_back(cell.r * 100 + cell.f * 10 + cell.m);
    }
    return result;
}

RfmSegmenter::RfmSegmenter(Settings settings)
    : settings_(std::move(settings)), cells_(cell_table(settings_.segments, settings_.bins)) {}

Segmentation RfmSegmenter::segment(Workspace& workspace, Timestamp as_of) {
    return segment_customers(workspace.facts().read(FeatureRequest{.as_of = as_of}), settings_,
                             cells_);
}

}  // namespace moshtari::rfm
