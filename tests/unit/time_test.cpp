#include "moshtari/time.hpp"

#include <gtest/gtest.h>

#include "moshtari/error.hpp"

namespace moshtari {
namespace {

TEST(Time, ParsesDatesAndTimesAsUtc) {
    EXPECT_EQ(to_unix(*parse_time("1970-01-02")), 86400);
    EXPECT_EQ(to_unix(*parse_time("2026-11-24T09:30:00Z")), 1795512600);
    EXPECT_EQ(*parse_time("2026-11-24 09:30"), *parse_time("2026-11-24T09:30:00Z"));
}

TEST(Time, RefusesImpossibleOrMalformedText) {
    EXPECT_FALSE(parse_time("2026-02-30"));
    EXPECT_FALSE(parse_time("2026-11-24T25:00"));
    EXPECT_FALSE(parse_time("24/11/2026"));
    EXPECT_FALSE(parse_time("2026-11-24T09:30:00+02:00"));
    EXPECT_THROW(parse_time_or_throw("tomorrow", "--due"), UserError);
}

TEST(Time, FormatsRoundTrip) {
    const auto t = *parse_time("2024-02-29T23:59:59Z");
    EXPECT_EQ(format_time(t), "2024-02-29T23:59:59Z");
    EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
}

}  // namespace
}  // namespace moshtari
