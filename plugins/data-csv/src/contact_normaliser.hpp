#pragma once
// Emails, phones and names in the form the store keeps and matching compares: emails trimmed and
// lower-cased, phones in E.164 (read with a default region for numbers written without a country
// code), names with white space collapsed.

#include <string>
#include <string_view>

namespace i18n::phonenumbers {
class PhoneNumberUtil;
}

namespace moshtari::data_csv {

class ContactNormaliser {
  public:
    // `default_region`: an ISO 3166 code such as GB; throws UserError when libphonenumber does
    // not know it.
    explicit ContactNormaliser(std::string default_region);

    // Throw UserError saying what is wrong with the value.
    std::string email(std::string_view raw) const;
    std::string phone(std::string_view raw) const;
    static std::string name(std::string_view raw);

  private:
    std::string region_;
    const i18n::phonenumbers::PhoneNumberUtil& util_;
};

}  // namespace moshtari::data_csv
