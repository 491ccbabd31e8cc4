#pragma once
// Money is an integer count of minor units (cents, rials) plus its ISO 4217 currency; never a
// double.

#include <cstdint>
#include <string>
#include <string_view>

#include "moshtari/export.hpp"

namespace moshtari {

struct Money {
    std::int64_t minor_units = 0;
    std::string currency{};  // ISO 4217, three upper-case letters

    friend bool operator==(const Money&, const Money&) = default;
};

// Digits after the decimal point for a currency (EUR 2, JPY 0, KWD 3, IRR 0); throws UserError if
// unknown.
MOSHTARI_API int minor_unit_digits(std::string_view currency);
// Parses "1234.50" or "1234" in `currency`; throws UserError on a malformed amount or too many
// decimals.
MOSHTARI_API Money parse_money(std::string_view amount, std::string_view currency);
// "1234.50 EUR".
MOSHTARI_API std::string format_money(const Money& money);

}  // namespace moshtari
