#include "host/version_range.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace moshtari {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

[[noreturn]] void reject(std::string_view range, std::string_view why) {
    throw std::invalid_argument(
        "'" + std::string(range) + "' is not a version range: " + std::string(why) +
        "; write '*', '=1.2.3', '>=0.1', '<1.0', '^0.2', '~1.2.3' or conditions "
        "joined by commas, e.g. '>=0.1, <1.0'");
}

}  // namespace

VersionRange VersionRange::parse(std::string_view text) {
    VersionRange range;
    range.text_ = std::string(trim(text));
    if (range.text_ == "*") {
        return range;
    }
    std::string_view rest = range.text_;
    while (true) {
        const auto comma = rest.find(',');
        add_term(range.text_, trim(rest.substr(0, comma)), range.bounds_);
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    return range;
}

void VersionRange::add_term(std::string_view range, std::string_view term,
                            std::vector<Bound>& bounds) {
    if (term.empty()) {
        reject(range, "a condition is empty");
    }
    if (term == "*") {
        reject(range, "'*' cannot be combined with other conditions");
    }
    // Longer operators first, so ">=" is not read as ">" followed by "=1.0".
    static constexpr std::array<std::pair<std::string_view, Relation>, 5> kOperators{{
        {">=", Relation::greater_or_equal},
        {"<=", Relation::less_or_equal},
        {">", Relation::greater},
        {"<", Relation::less},
        {"=", Relation::equal},
    }};
    const auto parse_version = [range](std::string_view text) {
        text = trim(text);
        try {
            return SemanticVersion::parse(text);
        } catch (const std::invalid_argument&) {
            reject(range,
                   "'" + std::string(text) + "' is not a version MAJOR.MINOR.PATCH or MAJOR.MINOR");
        }
    };

    if (term.front() == '^' || term.front() == '~') {
        const SemanticVersion low = parse_version(term.substr(1));
        // ~ allows patch releases; ^ allows what semantic versioning calls compatible: minor
        // releases from 1.0 on, only patch releases before 1.0 where a minor release may break.
        SemanticVersion high;
        if (term.front() == '~' || low.major == 0) {
            high = {low.major, low.minor + 1, 0};
        } else {
            high = {low.major + 1, 0, 0};
        }
        bounds.push_back({Relation::greater_or_equal, low});
        bounds.push_back({Relation::less, high});
        return;
    }
    for (const auto& [symbol, relation] : kOperators) {
        if (term.starts_with(symbol)) {
            bounds.push_back({relation, parse_version(term.substr(symbol.size()))});
            return;
        }
    }
    reject(range, "'" + std::string(term) + "' does not start with one of =, <, <=, >, >=, ^ or ~");
}

bool VersionRange::contains(const SemanticVersion& version) const {
    for (const auto& bound : bounds_) {
        const bool holds = [&] {
            switch (bound.relation) {
                case Relation::equal:
                    return version == bound.version;
                case Relation::less:
                    return version < bound.version;
                case Relation::less_or_equal:
                    return version <= bound.version;
                case Relation::greater:
                    return version > bound.version;
                case Relation::greater_or_equal:
                    return version >= bound.version;
            }
            return false;
        }();
        if (!holds) {
            return false;
        }
    }
    return true;
}

}  // namespace moshtari
