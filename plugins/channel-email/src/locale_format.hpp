#pragma once
// Numbers, money and dates as a customer's locale writes them (ICU): "€1,234.50" in en-US,
// "۱۲٬۳۴۵ ریال" and a Persian-calendar date in fa-IR.

#include <cstdint>
#include <string>
#include <string_view>

#include "moshtari/time.hpp"

namespace moshtari::email {

// True when ICU can read `tag` as a BCP 47 language tag ("en-US", "fa-IR").
bool is_valid_locale(std::string_view tag);

std::string format_integer(std::int64_t value, std::string_view locale);
std::string format_number(double value, std::string_view locale);
// `minor_units` of `currency` (ISO 4217), exactly: never through a double.
std::string format_money(std::int64_t minor_units, std::string_view currency,
                         std::string_view locale);
// The long form of the date in the locale's own calendar.
std::string format_long_date(Date date, std::string_view locale);

}  // namespace moshtari::email
