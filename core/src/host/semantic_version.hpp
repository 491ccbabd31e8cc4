#pragma once
// A plugin's release version, MAJOR.MINOR.PATCH, compared numerically.

#include <compare>
#include <string>
#include <string_view>

#include "moshtari/export.hpp"

namespace moshtari {

// Exported only so the unit tests can reach it; not part of the public API.
struct MOSHTARI_API SemanticVersion {
    unsigned major = 0;
    unsigned minor = 0;
    unsigned patch = 0;

    // "1.2.3", or "1.2" meaning "1.2.0". Throws std::invalid_argument with a
    // sentence saying what is expected.
    static SemanticVersion parse(std::string_view text);

    std::string to_string() const;

    friend auto operator<=>(const SemanticVersion&, const SemanticVersion&) = default;
};

}  // namespace moshtari
