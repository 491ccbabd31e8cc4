#include "config/closest_name.hpp"

#include <algorithm>
#include <numeric>

namespace moshtari {

namespace {

// Levenshtein distance, keeping one row of the table at a time.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string_view>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const auto candidate : candidates) {
        const std::size_t distance = edit_distance(name, candidate);
        // About one edit in three characters still reads as a slip of the keyboard; more is another
        // word.
        const std::size_t tolerated =
            std::max<std::size_t>(1, std::max(name.size(), candidate.size()) / 3);
        if (distance <= tolerated && (!best || distance < best_distance)) {
            best = std::string(candidate);
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace moshtari
