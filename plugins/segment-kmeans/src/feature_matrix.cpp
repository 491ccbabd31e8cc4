#include "feature_matrix.hpp"

#include <cmath>

#include "column_blocks.hpp"
#include "moshtari/money.hpp"

namespace moshtari::clustering {

namespace {

constexpr std::string_view kInteractions = "interactions:";
constexpr std::string_view kAttribute = "attribute:";

// One feature's raw value per row of the customer facts, in the feature's own units.
std::vector<double> raw_column(const CustomerFeatures& c, const std::string& name) {
    const std::size_t n = c.size();
    std::vector<double> column(n, 0.0);
    const double money_unit = std::pow(10.0, minor_unit_digits(c.currency));
    const auto copy = [&](const auto& source) {
        for (std::size_t i = 0; i < n; ++i) column[i] = static_cast<double>(source[i]);
    };
    if (name == "recency_days") {
        copy(c.recency_days);
    } else if (name == "tenure_days") {
        copy(c.tenure_days);
    } else if (name == "frequency") {
        copy(c.orders);
    } else if (name == "monetary") {
        for (std::size_t i = 0; i < n; ++i) column[i] = c.spend_minor[i] / money_unit;
    } else if (name == "average_spend") {
        for (std::size_t i = 0; i < n; ++i) column[i] = c.average_spend_minor(i) / money_unit;
    } else if (name == "complaints") {
        copy(c.complaints);
    } else if (name.starts_with(kInteractions)) {
        // A kind nobody has had an interaction of is absent: zero for everyone.
        const auto found = c.interactions_by_kind.find(name.substr(kInteractions.size()));
        if (found != c.interactions_by_kind.end()) copy(found->second);
    } else {
        copy(c.attributes.at(name.substr(kAttribute.size())));
    }
    return column;
}

}  // namespace

double FeatureMatrix::original(std::size_t f, double z) const {
    return undo(features[f].transform, z * scale[f] + centre[f]);
}

nlohmann::json FeatureMatrix::original_point(const arma::vec& point) const {
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t f = 0; f < features.size(); ++f)
        values[features[f].name] = original(f, point[f]);
    return values;
}

nlohmann::json FeatureMatrix::describe() const {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t f = 0; f < features.size(); ++f) {
        auto entry = to_json(features[f]);
        entry["centre"] = centre[f];
        entry["scale"] = scale[f];
        list.push_back(std::move(entry));
    }
    return list;
}

std::size_t feature_index(const std::vector<FeatureSpec>& features, std::string_view name) {
    std::size_t f = 0;
    while (f < features.size() && features[f].name != name) ++f;
    return f;
}

FeatureMatrix build_feature_matrix(const CustomerFeatures& customers,
                                   const std::vector<FeatureSpec>& features) {
    FeatureMatrix m;
    m.features = features;
    std::vector<std::vector<double>> columns;
    for (const auto& feature : features) columns.push_back(raw_column(customers, feature.name));

    for (std::size_t row = 0; row < customers.size(); ++row) {
        bool complete = customers.orders[row] > 0;
        for (std::size_t f = 0; f < features.size() && complete; ++f)
            complete = std::isfinite(columns[f][row]);
        if (complete) m.rows.push_back(row);
    }

    const std::size_t d = features.size(), n = m.rows.size();
    m.data.set_size(d, n);
    for_each_column_block(n, [&](std::size_t, std::size_t first, std::size_t last) {
        for (std::size_t j = first; j < last; ++j)
            for (std::size_t f = 0; f < d; ++f)
                m.data(f, j) = apply(features[f].transform, columns[f][m.rows[j]]);
    });

    m.centre.assign(d, 0.0);
    m.scale.assign(d, 1.0);
    for (std::size_t f = 0; f < d && n > 0; ++f) {
        if (!features[f].standardise) continue;
        auto row = m.data.row(f);
        m.centre[f] = arma::mean(row);
        // The population deviation, as z-scores are usually taken; a constant feature is only
        // centred.
        const double sd = arma::stddev(row, 1);
        if (sd > 0) m.scale[f] = sd;
        row = (row - m.centre[f]) / m.scale[f];
    }
    return m;
}

}  // namespace moshtari::clustering
