#include "value_segmenter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "moshtari/money.hpp"
#include "moshtari/workspace.hpp"
#include "tiers.hpp"

namespace moshtari::value {

Segmentation tier_segmentation(const Fit& fit) {
    Segmentation result;
    result.parameters = fit.parameters();
    result.parameters["as_of"] = format_date(fit.as_of);
    const auto names = tier_names(fit.tiers);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string rule =
            i == 0 ? fmt::format("the top {}% of the valued customers by CLV", fit.tiers[0])
            : i < fit.tiers.size()
                ? fmt::format("by CLV, the rest of the top {}% after the top {}%", fit.tiers[i],
                              fit.tiers[i - 1])
                : fmt::format("by CLV, everyone after the top {}%", fit.tiers.back());
        result.segments.push_back({names[i], rule});
    }
    // fit.values are by customer id, as the segmentation lists them.
    const double minor_per_unit = std::pow(10.0, minor_unit_digits(fit.settings.currency));
    for (const CustomerValue& v : fit.values) {
        result.customers.push_back(v.id);
        result.segment_of.push_back(static_cast<std::uint32_t>(
            std::find(names.begin(), names.end(), v.tier) - names.begin()));
        result.scores.push_back(static_cast<double>(v.clv_minor) / minor_per_unit);
        result.details.push_back(
            nlohmann::json{{"rank", v.rank},
                           {"p_alive", v.p_alive},
                           {"expected_purchases", v.expected_purchases},
                           {"expected_spend", v.expected_spend},
                           {"clv", format_money({v.clv_minor, fit.settings.currency})}}
                .dump());
    }
    return result;
}

Segmentation ValueSegmenter::segment(Workspace& workspace, Timestamp as_of) {
    const Date day{std::chrono::floor<std::chrono::days>(as_of)};
    return tier_segmentation(compute_fit(workspace.database(), settings_.probabilistic_or_throw(),
                                         settings_.tiers, day));
}

}  // namespace moshtari::value
