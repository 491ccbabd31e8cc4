#include "phone_numbers.hpp"

#include <fmt/format.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

#include "moshtari/error.hpp"

namespace moshtari::channel_phone {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

const char* parse_reason(PhoneNumberUtil::ErrorType error) {
    switch (error) {
        case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
            return "its country code is not one that exists";
        case PhoneNumberUtil::NOT_A_NUMBER:
            return "it is not a phone number";
        case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
            return "it is too short after the international prefix";
        case PhoneNumberUtil::TOO_SHORT_NSN:
            return "it is too short";
        case PhoneNumberUtil::TOO_LONG_NSN:
            return "it is too long";
        case PhoneNumberUtil::NO_PARSING_ERROR:
            break;
    }
    return "it could not be read";
}

std::string length_reason(PhoneNumberUtil::ValidationResult result, const std::string& region) {
    switch (result) {
        case PhoneNumberUtil::TOO_SHORT:
            return fmt::format("it is too short for a number in {}", region);
        case PhoneNumberUtil::TOO_LONG:
            return fmt::format("it is too long for a number in {}", region);
        case PhoneNumberUtil::INVALID_LENGTH:
            return fmt::format("no number in {} has that many digits", region);
        case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
            return "it is a local number only; add the area code";
        case PhoneNumberUtil::INVALID_COUNTRY_CODE:
            return "its country code is not one that exists";
        case PhoneNumberUtil::IS_POSSIBLE:
            break;
    }
    return fmt::format("it is not a number in {}'s numbering plan", region);
}

}  // namespace

PhoneNumbers::PhoneNumbers(std::string default_region)
    : region_(std::move(default_region)), util_(*PhoneNumberUtil::GetInstance()) {
    if (util_.GetCountryCodeForRegion(region_) == 0) {
        throw UserError(fmt::format(
            "'{}' is not a region libphonenumber knows; use an ISO 3166 code such as IR or GB",
            region_));
    }
}

std::string PhoneNumbers::e164(std::string_view raw) const {
    std::string text(raw);
    text.erase(text.begin(), std::find_if(text.begin(), text.end(),
                                          [](unsigned char c) { return !std::isspace(c); }));
    PhoneNumber number;
    const auto error = util_.Parse(text, region_, &number);
    std::string reason;
    if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
        reason = parse_reason(error);
    } else if (!util_.IsValidNumber(number)) {
        std::string region;
        util_.GetRegionCodeForCountryCode(number.country_code(), &region);
        reason = length_reason(util_.IsPossibleNumberWithReason(number), region);
    }
    if (!reason.empty()) {
        throw UserError(fmt::format(
            "'{}' is not a valid phone number: {} (numbers without a country code are read as {})",
            raw, reason, region_));
    }
    std::string e164;
    util_.Format(number, PhoneNumberUtil::E164, &e164);
    return e164;
}

std::string PhoneNumbers::national_digits(std::string_view e164) const {
    PhoneNumber number;
    util_.Parse(std::string(e164), region_, &number);
    std::string national;
    util_.Format(number, PhoneNumberUtil::NATIONAL, &national);
    std::erase_if(national, [](unsigned char c) { return !std::isdigit(c); });
    return national;
}

}  // namespace moshtari::channel_phone
