// E.164 through libphonenumber, and libphonenumber's reasons for refusing a number.

#include <gtest/gtest.h>

#include "moshtari/error.hpp"
#include "phone_numbers.hpp"

namespace moshtari::channel_phone {
namespace {

std::string refusal(const PhoneNumbers& numbers, const std::string& raw) {
    try {
        numbers.e164(raw);
    } catch (const UserError& error) {
        return error.what();
    }
    return "accepted";
}

TEST(PhoneNumbers, NormalisesToE164WithTheDefaultRegion) {
    const PhoneNumbers iran("IR");
    EXPECT_EQ(iran.e164("0912 345 6789"), "+989123456789");
    EXPECT_EQ(iran.e164("+98 (912) 345-6789"), "+989123456789");
    EXPECT_EQ(iran.e164("+44 20 7946 0018"), "+442079460018");
    EXPECT_EQ(iran.national_digits("+989123456789"), "09123456789");
}

TEST(PhoneNumbers, RefusesWithTheReason) {
    const PhoneNumbers iran("IR");
    EXPECT_EQ(refusal(iran, "+98 912"),
              "'+98 912' is not a valid phone number: it is too short for a number in IR "
              "(numbers without a country code are read as IR)");
    EXPECT_EQ(refusal(iran, "0912 345"),
              "'0912 345' is not a valid phone number: it is not a number in IR's numbering plan "
              "(numbers without a country code are read as IR)");
    EXPECT_EQ(refusal(iran, "hello"),
              "'hello' is not a valid phone number: it is not a phone number (numbers without a "
              "country code are read as IR)");
    EXPECT_EQ(refusal(iran, "+999 1234 5678"),
              "'+999 1234 5678' is not a valid phone number: its country code is not one that "
              "exists (numbers without a country code are read as IR)");
    EXPECT_NE(refusal(iran, "0912 345 6789 1234 5678 99").find("too long"), std::string::npos);
}

TEST(PhoneNumbers, RefusesAnUnknownRegion) {
    EXPECT_THROW(PhoneNumbers("XX"), UserError);
}

}  // namespace
}  // namespace moshtari::channel_phone
