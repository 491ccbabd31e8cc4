#include "config/closest_name.hpp"

#include <algorithm>

#include "model/edit_distance.hpp"

namespace moshtari {

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
