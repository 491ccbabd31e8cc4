#include "transform.hpp"

#include <gtest/gtest.h>

#include "amount.hpp"
#include "mapping.hpp"
#include "moshtari/error.hpp"

namespace moshtari::data_csv {
namespace {

std::string apply(const std::string& spec, const std::string& value) {
    return Transform::parse(spec).apply(value);
}

TEST(Transform, TextSteps) {
    EXPECT_EQ(apply("trim", "  Sara  "), "Sara");
    EXPECT_EQ(apply("collapse", " Sara \t  Ahmadi "), "Sara Ahmadi");
    EXPECT_EQ(apply("lowercase", "Sara@Example.COM"), "sara@example.com");
    EXPECT_EQ(apply("uppercase", "gb"), "GB");
    EXPECT_EQ(apply("lowercase", "سارا"), "سارا") << "only ASCII letters change";
}

TEST(Transform, IntegerAcceptsAFloatWithoutFraction) {
    EXPECT_EQ(apply("integer", "17850.0"), "17850");
    EXPECT_EQ(apply("integer", "42"), "42");
    EXPECT_EQ(apply("integer", ""), "");
    EXPECT_THROW(apply("integer", "17850.5"), UserError);
    EXPECT_THROW(apply("integer", "abc"), UserError);
}

TEST(Transform, DateWithAFormat) {
    EXPECT_EQ(apply("date:%d/%m/%Y %H:%M", "24/11/2026 09:30"), "2026-11-24T09:30:00Z");
    EXPECT_EQ(apply("date:%m/%d/%Y", "12/1/2010"), "2010-12-01T00:00:00Z");
    EXPECT_THROW(apply("date:%d/%m/%Y", "2026-11-24"), UserError);
}

TEST(Transform, MoneyWithADecimalSeparator) {
    EXPECT_EQ(apply("money:,", "1.234,50"), "1234.50");
    EXPECT_EQ(apply("money:.", "1,234.50"), "1234.50");
    EXPECT_THROW(apply("money:,", "12€"), UserError);
}

TEST(Transform, MapAndStartsWith) {
    EXPECT_EQ(apply("map:Y=true;N=false", "Y"), "true");
    EXPECT_THROW(apply("map:Y=true;N=false", "maybe"), UserError);
    EXPECT_EQ(apply("starts-with:C", "C536379"), "true");
    EXPECT_EQ(apply("starts-with:C", "536379"), "false");
}

TEST(Transform, UnknownOrIncompleteSpecsAreRefused) {
    EXPECT_THROW(Transform::parse("titlecase"), UserError);
    EXPECT_THROW(Transform::parse("date"), UserError);
    EXPECT_THROW(Transform::parse("map:nothing"), UserError);
}

TEST(Amount, ParsesAndRoundsToMinorUnits) {
    EXPECT_EQ(parse_amount("2.55", 2), 255);
    EXPECT_EQ(parse_amount("-11.1", 2), -1110);
    EXPECT_EQ(parse_amount("7", 2), 700);
    EXPECT_EQ(parse_amount("0.005", 2), 1);
    EXPECT_EQ(parse_amount("0.001", 2), 0);
    EXPECT_EQ(parse_amount("12.5", 0), 13);
    EXPECT_THROW(parse_amount("1.2.3", 2), UserError);
    EXPECT_THROW(parse_amount("", 2), UserError);
    EXPECT_EQ(format_amount(-1110, 2), "-11.10");
    EXPECT_EQ(format_amount(5, 0), "5");
}

TEST(Mapping, CommandLineRule) {
    const ColumnRule rule =
        Mapping::parse_rule("E-mail Address=email|trim|lowercase", Entity::customers);
    EXPECT_EQ(rule.column, "E-mail Address");
    EXPECT_EQ(rule.field, "email");
    ASSERT_EQ(rule.transforms.size(), 2u);
    EXPECT_EQ(rule.transforms[1].spec(), "lowercase");
    EXPECT_EQ(Mapping::parse_rule("Country=attributes.country", Entity::customers).field,
              "attributes.country");
    EXPECT_THROW(Mapping::parse_rule("Country=nationality", Entity::customers), UserError);
    EXPECT_THROW(Mapping::parse_rule("Qty=quantity", Entity::customers), UserError);
    EXPECT_THROW(Mapping::parse_rule("no equals sign", Entity::orders), UserError);
}

}  // namespace
}  // namespace moshtari::data_csv
