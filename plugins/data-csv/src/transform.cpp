#include "transform.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "moshtari/error.hpp"
#include "moshtari/time.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

namespace {

constexpr const char* kKnown =
    "trim, collapse, lowercase, uppercase, integer, date:FORMAT, money:SEPARATOR, "
    "starts-with:TEXT, "
    "map:FROM=TO;FROM=TO";

std::string to_whole_number(const std::string& value) {
    const std::string text = trimmed(value);
    if (text.empty()) return text;
    const auto point = text.find('.');
    const std::string whole = text.substr(0, point);
    const bool digits_only =
        !whole.empty() && std::all_of(whole.begin() + (whole[0] == '-' ? 1 : 0), whole.end(),
                                      [](unsigned char c) { return std::isdigit(c); });
    const bool zero_fraction =
        point == std::string::npos || std::all_of(text.begin() + static_cast<long>(point) + 1,
                                                  text.end(), [](char c) { return c == '0'; });
    if (!digits_only || !zero_fraction) {
        throw UserError(fmt::format("'{}' is not a whole number", value));
    }
    return whole;
}

std::string to_iso_time(const std::string& value, const std::string& format) {
    const std::string text = trimmed(value);
    if (text.empty()) return text;
    std::tm parts{};
    const char* end = strptime(text.c_str(), format.c_str(), &parts);
    if (end == nullptr || *end != '\0') {
        throw UserError(fmt::format("'{}' is not a date in the format {}", value, format));
    }
    return format_time(from_unix(timegm(&parts)));
}

// "1.234,50" with separator ',' becomes "1234.50": the other separator and spaces group thousands.
std::string to_plain_amount(const std::string& value, char separator) {
    std::string amount;
    for (char c : trimmed(value)) {
        if (c == separator) {
            amount += '.';
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+') {
            amount += c;
        } else if (c != ' ' && c != '\'' && c != (separator == ',' ? '.' : ',')) {
            throw UserError(fmt::format("'{}' is not an amount: '{}' is not allowed", value, c));
        }
    }
    return amount;
}

}  // namespace

Transform Transform::parse(std::string_view spec) {
    Transform t;
    t.spec_ = std::string(spec);
    const auto colon = spec.find(':');
    const std::string_view name = spec.substr(0, colon);
    t.argument_ = colon == std::string_view::npos ? "" : std::string(spec.substr(colon + 1));
    static const std::pair<std::string_view, Kind> kNames[] = {{"trim", Kind::trim},
                                                               {"collapse", Kind::collapse},
                                                               {"lowercase", Kind::lowercase},
                                                               {"uppercase", Kind::uppercase},
                                                               {"integer", Kind::integer},
                                                               {"date", Kind::date},
                                                               {"money", Kind::money},
                                                               {"starts-with", Kind::starts_with},
                                                               {"map", Kind::map}};
    const auto found = std::find_if(std::begin(kNames), std::end(kNames),
                                    [&](const auto& entry) { return entry.first == name; });
    if (found == std::end(kNames)) {
        throw UserError(fmt::format("'{}' is not a transform; use one of {}", spec, kKnown));
    }
    t.kind_ = found->second;
    const bool needs_argument = t.kind_ == Kind::date || t.kind_ == Kind::money ||
                                t.kind_ == Kind::starts_with || t.kind_ == Kind::map;
    if (needs_argument && t.argument_.empty()) {
        throw UserError(fmt::format("transform '{}' needs an argument, as in {}", spec, kKnown));
    }
    if (t.kind_ == Kind::money && t.argument_.size() != 1) {
        throw UserError(fmt::format(
            "transform '{}': the decimal separator is one character, as in money:, or money:.",
            spec));
    }
    if (t.kind_ == Kind::map) {
        for (const auto& pair : split(t.argument_, ';')) {
            const auto equals = pair.find('=');
            if (equals == std::string::npos) {
                throw UserError(fmt::format(
                    "transform '{}': '{}' needs FROM=TO, as in map:Y=true;N=false", spec, pair));
            }
            t.table_.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
        }
    }
    return t;
}

std::string Transform::apply(std::string value) const {
    switch (kind_) {
        case Kind::trim:
            return trimmed(value);
        case Kind::collapse:
            return collapse_spaces(value);
        case Kind::lowercase:
            return ascii_lowercase(std::move(value));
        case Kind::uppercase:
            std::transform(value.begin(), value.end(), value.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            return value;
        case Kind::integer:
            return to_whole_number(value);
        case Kind::date:
            return to_iso_time(value, argument_);
        case Kind::money:
            return to_plain_amount(value, argument_[0]);
        case Kind::starts_with:
            return value.starts_with(argument_) ? "true" : "false";
        case Kind::map:
            for (const auto& [from, to] : table_) {
                if (value == from) return to;
            }
            std::vector<std::string> froms;
            for (const auto& entry : table_) froms.push_back("'" + entry.first + "'");
            throw UserError(fmt::format("'{}' is not one of {}", value, fmt::join(froms, ", ")));
    }
    return value;
}

std::vector<Transform> parse_transforms(const std::vector<std::string>& specs) {
    std::vector<Transform> transforms;
    for (const auto& spec : specs) transforms.push_back(Transform::parse(spec));
    return transforms;
}

}  // namespace moshtari::data_csv
