#include "contact_normaliser.hpp"

#include <gtest/gtest.h>

#include "moshtari/error.hpp"

namespace moshtari::data_csv {
namespace {

TEST(ContactNormaliser, EmailsAreTrimmedAndLowerCased) {
    const ContactNormaliser n("GB");
    EXPECT_EQ(n.email("  Sara.Ahmadi@Example.COM "), "sara.ahmadi@example.com");
    EXPECT_THROW(n.email("sara at example.com"), UserError);
    EXPECT_THROW(n.email("sara@example"), UserError);
}

TEST(ContactNormaliser, PhonesBecomeE164WithTheDefaultRegion) {
    const ContactNormaliser gb("GB");
    EXPECT_EQ(gb.phone("020 7946 0018"), "+442079460018");
    EXPECT_EQ(gb.phone("+44 (0)20 7946-0018"), "+442079460018");
    EXPECT_EQ(gb.phone("+98 21 2222 3333"), "+982122223333") << "a country code wins";
    const ContactNormaliser ir("IR");
    EXPECT_EQ(ir.phone("0912 345 6789"), "+989123456789");
    EXPECT_THROW(gb.phone("12"), UserError);
    EXPECT_THROW(gb.phone("not a number"), UserError);
}

TEST(ContactNormaliser, NamesHaveWhiteSpaceCollapsed) {
    EXPECT_EQ(ContactNormaliser::name("  Sara \t Ahmadi "), "Sara Ahmadi");
    EXPECT_EQ(ContactNormaliser::name("سارا   احمدی"), "سارا احمدی");
}

TEST(ContactNormaliser, AnUnknownRegionIsRefused) {
    EXPECT_THROW(ContactNormaliser("XX"), UserError);
}

}  // namespace
}  // namespace moshtari::data_csv
