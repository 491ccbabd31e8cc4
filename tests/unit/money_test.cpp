#include "moshtari/money.hpp"

#include <gtest/gtest.h>

#include "moshtari/error.hpp"

namespace moshtari {
namespace {

TEST(Money, ParsesWholeAndFractionalAmountsIntoMinorUnits) {
    EXPECT_EQ(parse_money("1234.50", "EUR"), (Money{123450, "EUR"}));
    EXPECT_EQ(parse_money("1234.5", "EUR"), (Money{123450, "EUR"}));
    EXPECT_EQ(parse_money("7", "USD"), (Money{700, "USD"}));
    EXPECT_EQ(parse_money("-0.05", "EUR"), (Money{-5, "EUR"}));
    EXPECT_EQ(parse_money("1500000", "IRR"), (Money{1500000, "IRR"}));
    EXPECT_EQ(parse_money("1.234", "KWD"), (Money{1234, "KWD"}));
}

TEST(Money, RefusesMalformedAmountsWithTheReason) {
    EXPECT_THROW(parse_money("12.345", "EUR"), UserError);
    EXPECT_THROW(parse_money("1.5", "JPY"), UserError);
    EXPECT_THROW(parse_money("12,50", "EUR"), UserError);
    EXPECT_THROW(parse_money("", "EUR"), UserError);
    EXPECT_THROW(parse_money("1.", "EUR"), UserError);
    EXPECT_THROW(parse_money("--5", "EUR"), UserError);
    EXPECT_THROW(parse_money("+5", "EUR"), UserError);
    EXPECT_THROW(parse_money("5.-1", "EUR"), UserError);
    EXPECT_THROW(parse_money("99999999999999999999", "EUR"), UserError);
    try {
        parse_money("12.345", "EUR");
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("too many decimals"), std::string::npos) << e.what();
    }
}

TEST(Money, RefusesUnknownCurrencies) {
    EXPECT_THROW(minor_unit_digits("XYZ"), UserError);
    EXPECT_THROW(parse_money("1", "eur"), UserError);
}

TEST(Money, FormatsWithTheCurrencysDigits) {
    EXPECT_EQ(format_money({123450, "EUR"}), "1234.50 EUR");
    EXPECT_EQ(format_money({-5, "EUR"}), "-0.05 EUR");
    EXPECT_EQ(format_money({1500000, "IRR"}), "1500000 IRR");
    EXPECT_EQ(format_money({1234, "KWD"}), "1.234 KWD");
}

}  // namespace
}  // namespace moshtari
