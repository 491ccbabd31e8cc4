// SMS lengths: GSM-7 and UCS-2 counting, splitting, UCS-2 hex.

#include <gtest/gtest.h>

#include <string>

#include "moshtari/error.hpp"
#include "sms_text.hpp"

namespace moshtari::channel_phone {
namespace {

std::string repeat(const std::string& piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

TEST(SmsText, GsmTextCountsSeptetsAndExtensionCharactersTwice) {
    const SegmentRules rules;
    EXPECT_EQ(measure_sms("Hello @ £5 è", rules).encoding, SmsEncoding::gsm7);
    const SmsSize size = measure_sms("{€}", rules);
    EXPECT_EQ(size.encoding, SmsEncoding::gsm7);
    EXPECT_EQ(size.units, 6u);
    EXPECT_EQ(measure_sms(repeat("a", 160), rules).parts, 1u);
    EXPECT_EQ(measure_sms(repeat("a", 161), rules).parts, 2u);
    EXPECT_EQ(measure_sms(repeat("a", 306), rules).parts, 2u);
    EXPECT_EQ(measure_sms(repeat("a", 307), rules).parts, 3u);
}

TEST(SmsText, PersianTextIsUcs2With70And67PerPart) {
    const SegmentRules rules;
    const SmsSize hello = measure_sms("سلام", rules);
    EXPECT_EQ(hello.encoding, SmsEncoding::ucs2);
    EXPECT_EQ(hello.units, 4u);
    EXPECT_EQ(measure_sms(repeat("س", 70), rules).parts, 1u);
    EXPECT_EQ(measure_sms(repeat("س", 71), rules).parts, 2u);
    EXPECT_EQ(measure_sms(repeat("س", 134), rules).parts, 2u);
    EXPECT_EQ(measure_sms(repeat("س", 135), rules).parts, 3u);
    // One character outside the GSM alphabet makes the whole text UCS-2.
    EXPECT_EQ(measure_sms(repeat("a", 69) + "ç", rules).parts, 1u);
    EXPECT_EQ(measure_sms(repeat("a", 70) + "ç", rules).parts, 2u);
    // An emoji is a surrogate pair: two units.
    EXPECT_EQ(measure_sms("😀", rules).units, 2u);
}

TEST(SmsText, EmptyAndBrokenUtf8AreRefused) {
    const SegmentRules rules;
    EXPECT_THROW(measure_sms("", rules), UserError);
    try {
        measure_sms("ok\xC3", rules);
        FAIL() << "broken UTF-8 was accepted";
    } catch (const UserError& error) {
        EXPECT_STREQ(error.what(), "the text is not UTF-8 (byte 3 of it)");
    }
}

TEST(SmsText, SplitsAtSpacesIntoPiecesWithinTheLimit) {
    const SegmentRules rules;
    std::string text;
    for (int i = 0; i < 60; ++i) text += "word" + std::to_string(i) + " ";
    const auto pieces = split_sms(text, rules, 1);
    ASSERT_GT(pieces.size(), 1u);
    std::string joined;
    for (const auto& piece : pieces) {
        EXPECT_LE(measure_sms(piece, rules).parts, 1u) << piece;
        EXPECT_NE(piece.front(), ' ');
        EXPECT_NE(piece.back(), ' ');
        EXPECT_EQ(piece.substr(0, 4), "word") << "broken inside a word: " << piece;
        joined += (joined.empty() ? "" : " ") + piece;
    }
    EXPECT_EQ(joined + " ", text);
}

TEST(SmsText, SplitsPersianWithoutBreakingCharacters) {
    const SegmentRules rules;
    const std::string text = repeat("سلام ", 40);   // 200 UCS-2 units
    const auto pieces = split_sms(text, rules, 2);  // 134 units each at most
    ASSERT_EQ(pieces.size(), 2u);
    for (const auto& piece : pieces) EXPECT_LE(measure_sms(piece, rules).parts, 2u);
    EXPECT_EQ(pieces[0] + " " + pieces[1] + " ", text);
}

TEST(SmsText, Ucs2HexIsBigEndianUtf16) {
    EXPECT_EQ(ucs2_hex("سلام"), "0633064406270645");
    EXPECT_EQ(ucs2_hex("A😀"), "0041D83DDE00");
}

}  // namespace
}  // namespace moshtari::channel_phone
