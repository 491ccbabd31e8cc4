#pragma once
// Levenshtein distance, shared by "did you mean" suggestions and the duplicate finder.

#include <cstddef>
#include <string_view>

namespace moshtari {

// Insertions, deletions and substitutions of bytes that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace moshtari
