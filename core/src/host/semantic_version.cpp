#include "host/semantic_version.hpp"

#include <charconv>
#include <stdexcept>
#include <vector>

namespace moshtari {
namespace {

// Digits only: no sign, no blanks, no leading zeros (as semver.org requires), so
// "01.2" cannot be mistaken for "1.2".
bool parse_number(std::string_view text, unsigned& value) {
    if (text.empty() || (text.size() > 1 && text.front() == '0')) {
        return false;
    }
    const auto* end = text.data() + text.size();
    auto [ptr, error] = std::from_chars(text.data(), end, value);
    return error == std::errc{} && ptr == end;
}

}  // namespace

SemanticVersion SemanticVersion::parse(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto dot = text.find('.', start);
        parts.push_back(text.substr(start, dot - start));
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }

    SemanticVersion version;
    bool valid = parts.size() == 2 || parts.size() == 3;
    valid = valid && parse_number(parts[0], version.major) && parse_number(parts[1], version.minor);
    valid = valid && (parts.size() == 2 || parse_number(parts[2], version.patch));
    if (!valid) {
        throw std::invalid_argument("'" + std::string(text) +
                                    "' is not a version; write MAJOR.MINOR.PATCH or MAJOR.MINOR, "
                                    "e.g. '1.4.0' or '1.4'");
    }
    return version;
}

std::string SemanticVersion::to_string() const {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace moshtari
