#include "quantile_scores.hpp"

#include <algorithm>

namespace moshtari::rfm {

std::vector<std::uint8_t> quantile_scores(const std::vector<double>& values, int bins) {
    const auto n = static_cast<std::int64_t>(values.size());
    if (n == 0) return {};
    // A value scores at least s when below >= ceil((s - 1) n / bins) = p, that is when it is
    // greater than the p-th smallest value. So the scores need only bins - 1 order statistics,
    // found by successive partial sorts instead of sorting everything.
    std::vector<double> work(values);
    std::vector<double> cuts;  // cuts[s - 2]: a value scores at least s when it is greater
    auto from = work.begin();
    for (std::int64_t s = 2; s <= bins; ++s) {
        const std::int64_t p = ((s - 1) * n + bins - 1) / bins;
        const auto nth = work.begin() + (p - 1);
        // Everything before `from` is already no greater than what lies after it.
        std::nth_element(from, nth, work.end());
        cuts.push_back(*nth);
        from = nth;
    }
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
