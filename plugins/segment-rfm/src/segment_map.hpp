#pragma once
// The segment map: an ordered list of named rules over the r, f and m scores (and fm, the average
// of f and m); a customer's cell goes to the first rule that matches it.

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace moshtari::rfm {

// Scores from `low` to `high`, both included.
struct ScoreRange {
    double low = 0;
    double high = 0;

    bool contains(double score) const { return low <= score && score <= high; }
    // "4-5", or "5" when low and high are equal.
    std::string text() const;
};

struct Cell {
    int r = 0;
    int f = 0;
    int m = 0;
};

struct SegmentRule {
    std::string name{};
    std::optional<ScoreRange> r{};
    std::optional<ScoreRange> f{};
    std::optional<ScoreRange> m{};
    std::optional<ScoreRange> fm{};  // over (f + m) / 2

    // A rule without ranges matches every cell.
    bool matches(const Cell& cell) const;
    // {"r": "4-5", "f": "5"}, or "every other customer" for a rule without ranges.
    nlohmann::json description() const;
};

inline constexpr std::uint32_t kNoSegment = std::numeric_limits<std::uint32_t>::max();

// For every cell of the bins x bins x bins grid, the index of the first rule that matches it, or
// kNoSegment; the cell (r, f, m) is at cell_index.
std::vector<std::uint32_t> cell_table(const std::vector<SegmentRule>& rules, int bins);

inline std::size_t cell_index(const Cell& cell, int bins) {
    return static_cast<std::size_t>(((cell.r - 1) * bins + (cell.f - 1)) * bins + (cell.m - 1));
}

// The default map for 5 bins: the widely published R x F grid of ten segments, with its
// hibernating corner split so that the customers with the oldest last orders are `lost`. The
// README gives the grid and its source.
std::vector<SegmentRule> default_segment_rules();

}  // namespace moshtari::rfm
