#include "moshtari/money.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "moshtari/error.hpp"

namespace moshtari {

namespace {

struct CurrencyDigits {
    std::string_view code;
    int digits;
};

// ISO 4217 codes in use, with their minor-unit digits. IRR and IRT are kept at 0: rial prices are
// never quoted with fractions in practice, whatever the standard's nominal 2.
constexpr std::array<CurrencyDigits, 62> kCurrencies{{
    {"AED", 2}, {"AFN", 2}, {"ARS", 2}, {"AUD", 2}, {"AZN", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3},
    {"BRL", 2}, {"CAD", 2}, {"CHF", 2}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DKK", 2},
    {"EGP", 2}, {"EUR", 2}, {"GBP", 2}, {"GEL", 2}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2},
    {"INR", 2}, {"IQD", 3}, {"IRR", 0}, {"IRT", 0}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KES", 2},
    {"KRW", 0}, {"KWD", 3}, {"KZT", 2}, {"LKR", 2}, {"LYD", 3}, {"MAD", 2}, {"MXN", 2}, {"MYR", 2},
    {"NGN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"QAR", 2},
    {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TND", 3},
    {"TRY", 2}, {"TWD", 2}, {"UAH", 2}, {"USD", 2}, {"VND", 0}, {"ZAR", 2},
}};

}  // namespace

int minor_unit_digits(std::string_view currency) {
    const auto it = std::find_if(kCurrencies.begin(), kCurrencies.end(),
                                 [&](const CurrencyDigits& c) { return c.code == currency; });
    if (it == kCurrencies.end()) {
        throw UserError(fmt::format(
            "unknown currency '{}'; use an ISO 4217 code such as EUR, USD, GBP or IRR", currency));
    }
    return it->digits;
}

Money parse_money(std::string_view amount, std::string_view currency) {
    const int digits = minor_unit_digits(currency);
    const auto bad = [&](std::string_view why) {
        return UserError(
            fmt::format("amount '{}' {}: write it like 1234.50 (at most {} decimals for {})",
                        amount, why, digits, currency));
    };
    std::string_view text = amount;
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    const auto all_digits = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    // from_chars alone would take a second '-' ("--5") or a '+' as part of the number.
    if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
        (dot != std::string_view::npos && fraction.empty()))
        throw bad("is not a number");
    if (static_cast<int>(fraction.size()) > digits) throw bad("has too many decimals");

    std::int64_t units = 0;
    const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), units);
    if (ec != std::errc{} || end != whole.data() + whole.size()) throw bad("is not a number");
    for (int i = 0; i < digits; ++i) {
        const int digit = i < static_cast<int>(fraction.size()) ? fraction[i] - '0' : 0;
        if (digit < 0 || digit > 9) throw bad("is not a number");
        if (units > (std::numeric_limits<std::int64_t>::max() - digit) / 10)
            throw bad("is too large");
        units = units * 10 + digit;
    }
    return Money{negative ? -units : units, std::string(currency)};
}

std::string format_money(const Money& money) {
    const int digits = minor_unit_digits(money.currency);
    std::int64_t scale = 1;
    for (int i = 0; i < digits; ++i) scale *= 10;
    const std::int64_t magnitude = money.minor_units < 0 ? -money.minor_units : money.minor_units;
    const char* sign = money.minor_units < 0 ? "-" : "";
    if (digits == 0) return fmt::format("{}{} {}", sign, magnitude, money.currency);
    return fmt::format("{}{}.{:0{}} {}", sign, magnitude / scale, magnitude % scale, digits,
                       money.currency);
}

}  // namespace moshtari
