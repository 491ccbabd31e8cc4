#include "tiers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace moshtari::value {

std::vector<std::string> tier_names(const std::vector<double>& shares) {
    std::vector<std::string> names;
    for (double share : shares) names.push_back(fmt::format("top-{}", share));
    names.emplace_back("rest");
    return names;
}

void assign_tiers(std::vector<CustomerValue>& values, const std::vector<double>& shares) {
    // The values stay in customer order, which the store writes them in; the sort moves small keys
    // side by side rather than chasing each comparison into the values.
    struct Key {
        std::int64_t clv_minor;
        CustomerId id;
        std::size_t index;
    };
    std::vector<Key> ranked;
    ranked.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        ranked.push_back({values[i].clv_minor, values[i].id, i});
    }
    std::sort(ranked.begin(), ranked.end(), [](const Key& a, const Key& b) {
        return a.clv_minor != b.clv_minor ? a.clv_minor > b.clv_minor : a.id < b.id;
    });
    const auto names = tier_names(shares);
    const double n = static_cast<double>(values.size());
    std::size_t tier = 0;
    for (std::size_t rank = 1; rank <= values.size(); ++rank) {
        // The small allowance keeps 5% of 100 at 5 when the product rounds to 5.000000001.
        while (tier < shares.size() &&
               static_cast<double>(rank) > std::ceil(shares[tier] * n / 100 - 1e-9)) {
            ++tier;
        }
        CustomerValue& value = values[ranked[rank - 1].index];
        value.rank = static_cast<std::int64_t>(rank);
        value.tier = names[tier];
    }
}

std::vector<std::pair<std::string, std::int64_t>> count_tiers(
    const std::vector<CustomerValue>& values, const std::vector<double>& shares) {
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (auto& name : tier_names(shares)) counts.emplace_back(std::move(name), 0);
    for (const auto& v : values) {
        const auto tier = std::find_if(counts.begin(), counts.end(),
                                       [&v](const auto& count) { return count.first == v.tier; });
        if (tier != counts.end()) ++tier->second;
    }
    return counts;
}

}  // namespace moshtari::value
