#include "locale_format.hpp"

#include <fmt/format.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

#include "moshtari/error.hpp"
#include "moshtari/money.hpp"

namespace moshtari::email {

namespace {

icu::Locale to_icu_locale(std::string_view tag) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale =
        icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), tag.size()), status);
    if (U_FAILURE(status) || locale.isBogus()) {
        throw UserError(fmt::format("'{}' is not a language tag such as en-US or fa-IR", tag));
    }
    return locale;
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

void check(UErrorCode status, std::string_view what) {
    if (U_FAILURE(status)) {
        throw UserError(fmt::format("cannot format {}: {}", what, u_errorName(status)));
    }
}

std::string format_decimal(const icu::number::LocalizedNumberFormatter& formatter,
                           std::string_view decimal, std::string_view what) {
    UErrorCode status = U_ZERO_ERROR;
    const auto formatted =
        formatter.formatDecimal(icu::StringPiece(decimal.data(), decimal.size()), status);
    check(status, what);
    auto text = formatted.toString(status);
    check(status, what);
    return to_utf8(text);
}

}  // namespace

bool is_valid_locale(std::string_view tag) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale =
        icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), tag.size()), status);
    return U_SUCCESS(status) && !locale.isBogus() && !tag.empty();
}

std::string format_integer(std::int64_t value, std::string_view locale) {
    return format_decimal(icu::number::NumberFormatter::withLocale(to_icu_locale(locale)),
                          std::to_string(value), "a number");
}

std::string format_number(double value, std::string_view locale) {
    UErrorCode status = U_ZERO_ERROR;
    const auto formatted =
        icu::number::NumberFormatter::withLocale(to_icu_locale(locale)).formatDouble(value, status);
    check(status, "a number");
    auto text = formatted.toString(status);
    check(status, "a number");
    return to_utf8(text);
}

std::string format_money(std::int64_t minor_units, std::string_view currency,
                         std::string_view locale) {
    // "1234.50" from 123450 EUR: the decimal string keeps the amount exact.
    const int digits = minor_unit_digits(currency);
    const bool negative = minor_units < 0;
    std::string magnitude = std::to_string(negative ? -minor_units : minor_units);
    if (digits > 0) {
        if (magnitude.size() <= static_cast<std::size_t>(digits)) {
            magnitude.insert(0, static_cast<std::size_t>(digits) + 1 - magnitude.size(), '0');
        }
        magnitude.insert(magnitude.size() - static_cast<std::size_t>(digits), ".");
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::CurrencyUnit unit(icu::StringPiece(currency.data(), currency.size()), status);
    check(status, fmt::format("money in {}", currency));
    const auto formatter = icu::number::NumberFormatter::withLocale(to_icu_locale(locale))
                               .unit(unit)
                               .precision(icu::number::Precision::currency(UCURR_USAGE_STANDARD));
    return format_decimal(formatter, (negative ? "-" : "") + magnitude,
                          fmt::format("money in {}", currency));
}

std::string format_long_date(Date date, std::string_view locale) {
    const icu::Locale icu_locale = to_icu_locale(locale);
    std::unique_ptr<icu::DateFormat> formatter(
        icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu_locale));
    if (!formatter) throw UserError(fmt::format("no date format for the locale {}", locale));
    formatter->setTimeZone(*icu::TimeZone::getGMT());
    const auto days = std::chrono::sys_days{date}.time_since_epoch().count();
    const UDate millis = static_cast<double>(days) * 86'400'000.0;
    icu::UnicodeString text;
    formatter->format(millis, text);
    return to_utf8(text);
}

}  // namespace moshtari::email
