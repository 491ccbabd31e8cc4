#include "contact_normaliser.hpp"

#include <fmt/format.h>
#include <phonenumbers/phonenumberutil.h>

#include "moshtari/error.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

ContactNormaliser::ContactNormaliser(std::string default_region)
    : region_(std::move(default_region)), util_(*PhoneNumberUtil::GetInstance()) {
    if (util_.GetCountryCodeForRegion(region_) == 0) {
        throw UserError(fmt::format(
            "'{}' is not a region libphonenumber knows; use an ISO 3166 code such as GB or IR",
            region_));
    }
}

std::string ContactNormaliser::email(std::string_view raw) const {
    std::string email = ascii_lowercase(trimmed(raw));
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
        email.back() == '.' || email.find_first_of(" \t", 0) != std::string::npos ||
        email.find('@', at + 1) != std::string::npos) {
        throw UserError(
            fmt::format("'{}' is not an email address; write it like name@example.com", raw));
    }
    return email;
}

std::string ContactNormaliser::phone(std::string_view raw) const {
    PhoneNumber number;
    const std::string text = trimmed(raw);
    if (util_.Parse(text, region_, &number) != PhoneNumberUtil::NO_PARSING_ERROR ||
        !util_.IsValidNumber(number)) {
        throw UserError(fmt::format(
            "'{}' is not a valid phone number (numbers without a country code are read as {})", raw,
            region_));
    }
    std::string e164;
    util_.Format(number, PhoneNumberUtil::E164, &e164);
    return e164;
}

std::string ContactNormaliser::name(std::string_view raw) {
    return collapse_spaces(raw);
}

}  // namespace moshtari::data_csv
