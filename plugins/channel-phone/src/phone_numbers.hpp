#pragma once
// Phone numbers in E.164 through libphonenumber. A number that is not valid is refused with
// libphonenumber's reason (too short, unknown country code, not in the numbering plan, ...).
// data-csv has its own small normaliser; a plugin cannot link another plugin, and this one must
// also say why a number is refused.

#include <string>
#include <string_view>

namespace i18n::phonenumbers {
class PhoneNumberUtil;
}

namespace moshtari::channel_phone {

class PhoneNumbers {
  public:
    // `default_region` (ISO 3166, "IR") reads numbers written without a country code; throws
    // UserError when libphonenumber does not know it.
    explicit PhoneNumbers(std::string default_region);

    // "+989123456789"; throws UserError naming the number and why it is not valid.
    std::string e164(std::string_view raw) const;
    // The digits as the number is dialled inside its own country ("09123456789"): how people
    // often store numbers they entered by hand.
    std::string national_digits(std::string_view e164) const;

    const std::string& default_region() const { return region_; }

  private:
    std::string region_;
    const i18n::phonenumbers::PhoneNumberUtil& util_;
};

}  // namespace moshtari::channel_phone
