// Properties of generated codes: the alphabet, the length, uniqueness over 100k, an even spread of
// characters, and how typed codes are matched back.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "campaign.hpp"
#include "coupon_code.hpp"

namespace moshtari::coupons {
namespace {

TEST(CouponCode, TheAlphabetHasNoLookAlikes) {
    EXPECT_EQ(kCodeAlphabet.size(), 31u);
    for (const char ambiguous : {'0', 'O', '1', 'I', 'L'}) {
        EXPECT_EQ(kCodeAlphabet.find(ambiguous), std::string_view::npos) << ambiguous;
    }
    EXPECT_EQ(std::set<char>(kCodeAlphabet.begin(), kCodeAlphabet.end()).size(),
              kCodeAlphabet.size());
}

TEST(CouponCode, HundredThousandCodesAreWellFormedUniqueAndEvenlySpread) {
    constexpr std::size_t kCodes = 100000;
    constexpr std::size_t kLength = 12;
    std::set<std::string> codes;
    std::map<char, std::size_t> seen;
    for (std::size_t i = 0; i < kCodes; ++i) {
        const std::string code = generate_code(kLength);
        ASSERT_EQ(code.size(), kLength) << code;
        for (const char c : code) {
            ASSERT_NE(kCodeAlphabet.find(c), std::string_view::npos) << code;
            ++seen[c];
        }
        codes.insert(code);
    }
    EXPECT_EQ(codes.size(), kCodes);
    // 1.2 million characters: about 38710 each, with a standard deviation near 194. A biased draw
    // (a plain modulo of a byte favours the first 8 characters by 12 %) falls outside 3 %.
    ASSERT_EQ(seen.size(), kCodeAlphabet.size());
    const double expected = static_cast<double>(kCodes * kLength) / kCodeAlphabet.size();
    for (const auto& [c, n] : seen) {
        EXPECT_NEAR(static_cast<double>(n), expected, expected * 0.03) << c;
    }
}

TEST(CouponCode, LengthsOtherThanTwelveAreHonoured) {
    EXPECT_EQ(generate_code(8).size(), 8u);
    EXPECT_EQ(generate_code(32).size(), 32u);
}

TEST(CouponCode, TypedCodesMatchWhateverTheCaseAndDashes) {
    EXPECT_EQ(canonical_code("abcd-efgh-jkmn"), "ABCDEFGHJKMN");
    EXPECT_EQ(canonical_code(" AbCd EFgh-jk-mn "), "ABCDEFGHJKMN");
    EXPECT_EQ(display_code("ABCDEFGHJKMN"), "ABCD-EFGH-JKMN");
    EXPECT_EQ(display_code("ABCDEFGHJK"), "ABCD-EFGH-JK");
    EXPECT_EQ(canonical_code(display_code("ABCDEFGHJKMN")), "ABCDEFGHJKMN");
}

TEST(CouponCode, EntropyIsLengthTimesLogOfTheAlphabet) {
    EXPECT_NEAR(code_entropy_bits(12), 59.45, 0.01);
    EXPECT_NEAR(code_entropy_bits(8), 39.63, 0.01);
}

TEST(CampaignDiscount, PercentRoundsHalfAwayFromZeroAndNeverExceedsTheTotal) {
    Campaign c;
    c.currency = "EUR";
    c.kind = DiscountKind::percent;
    c.percent_hundredths = 1250;          // 12.5 %
    EXPECT_EQ(c.discount(1004, 0), 126);  // 125.5
    EXPECT_EQ(c.discount(1003, 0), 125);  // 125.375
    EXPECT_EQ(c.discount(1012, 0), 127);  // 126.5
    EXPECT_EQ(c.discount(1004, 950), 54) << "only what the earlier coupons left";
    EXPECT_EQ(c.discount(1004, 1004), 0);
    c.percent_hundredths = 10000;
    EXPECT_EQ(c.discount(999, 0), 999);
    c.kind = DiscountKind::amount;
    c.amount_minor = 500;
    EXPECT_EQ(c.discount(2000, 0), 500);
    EXPECT_EQ(c.discount(300, 0), 300);
    EXPECT_EQ(c.discount(2000, 1800), 200);
}

TEST(CampaignDiscount, DescribesItselfAndItsEnd) {
    Campaign c;
    c.currency = "EUR";
    c.percent_hundredths = 1250;
    EXPECT_EQ(c.describe(), "12.5% off");
    c.percent_hundredths = 1005;
    EXPECT_EQ(c.describe(), "10.05% off");
    c.percent_hundredths = 1000;
    EXPECT_EQ(c.describe(), "10% off");
    c.kind = DiscountKind::amount;
    c.amount_minor = 500;
    EXPECT_EQ(c.describe(), "5.00 EUR off");

    const Timestamp issued = *parse_time("2026-03-01");
    EXPECT_EQ(c.expiry_of(issued), Timestamp{}) << "no end configured";
    c.valid_days = 7;
    EXPECT_EQ(c.expiry_of(issued), *parse_time("2026-03-08"));
    c.valid_until = *parse_time("2026-03-05");
    EXPECT_EQ(c.expiry_of(issued), *parse_time("2026-03-05")) << "the campaign ends first";
}

}  // namespace
}  // namespace moshtari::coupons
