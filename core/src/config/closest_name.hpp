#pragma once
// "Did you mean": the known name a misspelt one most likely stands for.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari {

// The candidate with the fewest single-character edits from `name`, or nothing when even that one
// differs too much for `name` to be a typo of it.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string_view>& candidates);

}  // namespace moshtari
