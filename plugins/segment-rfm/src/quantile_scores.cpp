#include "quantile_scores.hpp"

#include <algorithm>
#include <bit>
#include <map>

namespace moshtari::rfm {

namespace {

// Orders doubles as their values do (-0.0 made 0.0, so equal values get equal keys).
std::uint64_t key_of(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value + 0.0);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// The values at the given ascending 0-based ranks of the sorted values, by radix selection: one
// pass counts the values per leading 16 bits of their key, a second gathers the few buckets the
// ranks fall in, which are then partially sorted. Two passes instead of a partial sort of every
// value for each rank: a million customers' scores took a tenth of an RFM run.
std::vector<double> values_at(const std::vector<double>& values,
                              const std::vector<std::size_t>& ranks) {
    constexpr int kShift = 48;
    std::vector<std::size_t> counts(std::size_t{1} << (64 - kShift), 0);
    for (const double v : values) ++counts[key_of(v) >> kShift];
    // Each rank's bucket and its rank within it.
    std::map<std::uint64_t, std::vector<double>> gathered;
    std::vector<std::pair<std::uint64_t, std::size_t>> found;
    std::size_t before = 0, bucket = 0;
    for (const std::size_t rank : ranks) {
        while (before + counts[bucket] <= rank) before += counts[bucket++];
        found.emplace_back(bucket, rank - before);
        gathered[bucket];
    }
    for (const double v : values) {
        const auto at = gathered.find(key_of(v) >> kShift);
        if (at != gathered.end()) at->second.push_back(v);
    }
    std::vector<double> result;
    for (const auto& [in, rank] : found) {
        auto& members = gathered[in];
        std::nth_element(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(rank),
                         members.end());
        result.push_back(members[rank]);
    }
    return result;
}

}  // namespace

std::vector<std::uint8_t> quantile_scores(const std::vector<double>& values, int bins) {
    const auto n = static_cast<std::int64_t>(values.size());
    if (n == 0) return {};
    // A value scores at least s when below >= ceil((s - 1) n / bins) = p, that is when it is
    // greater than the p-th smallest value. So the scores need only bins - 1 order statistics.
    std::vector<std::size_t> ranks;
    for (std::int64_t s = 2; s <= bins; ++s)
        ranks.push_back(static_cast<std::size_t>(((s - 1) * n + bins - 1) / bins - 1));
    const std::vector<double> cuts = values_at(values, ranks);  // scores >= s when above cuts[s-2]
    std::vector<std::uint8_t> scores(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint8_t score = 1;
        for (const double cut : cuts) {
            if (!(values[i] > cut)) break;
            ++score;
        }
        scores[i] = score;
    }
    return scores;
}

}  // namespace moshtari::rfm
