#include "amount.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <limits>

#include "moshtari/error.hpp"

namespace moshtari::data_csv {

std::int64_t parse_amount(std::string_view text, int digits) {
    const auto bad = [&] {
        return UserError(fmt::format("'{}' is not an amount; write it like 1234.50", text));
    };
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) ++i;
    std::int64_t units = 0;
    int decimals = -1;  // -1 until the point
    bool round_up = false;
    bool any_digit = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c))) throw bad();
        any_digit = true;
        if (decimals >= digits) {
            if (decimals == digits) round_up = c >= '5';
            ++decimals;
            continue;
        }
        if (units > (std::numeric_limits<std::int64_t>::max() - 9) / 10) throw bad();
        units = units * 10 + (c - '0');
        if (decimals >= 0) ++decimals;
    }
    if (!any_digit) throw bad();
    for (int d = std::max(decimals, 0); d < digits; ++d) units *= 10;
    if (round_up) ++units;
    return negative ? -units : units;
}

std::string format_amount(std::int64_t minor_units, int digits) {
    std::int64_t scale = 1;
    for (int d = 0; d < digits; ++d) scale *= 10;
    const std::int64_t whole = std::llabs(minor_units) / scale;
    const std::int64_t fraction = std::llabs(minor_units) % scale;
    const char* sign = minor_units < 0 ? "-" : "";
    if (digits == 0) return fmt::format("{}{}", sign, whole);
    return fmt::format("{}{}.{:0{}}", sign, whole, fraction, digits);
}

}  // namespace moshtari::data_csv
