#pragma once
// Decimal amounts to integer minor units.

#include <cstdint>
#include <string>
#include <string_view>

namespace moshtari::data_csv {

// "2.55" with 2 digits is 255. More decimals than the currency has are rounded half away from
// zero, because price lists carry fractions of a penny (Online Retail has 0.001 GBP) that the
// store's minor units cannot; throws UserError on anything but an optional sign, digits and one
// '.'.
std::int64_t parse_amount(std::string_view text, int digits);
// 255 with 2 digits is "2.55".
std::string format_amount(std::int64_t minor_units, int digits);

}  // namespace moshtari::data_csv
