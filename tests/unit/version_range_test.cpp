#include "host/version_range.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace moshtari {
namespace {

SemanticVersion v(const char* text) {
    return SemanticVersion::parse(text);
}

bool accepts(const char* range, const char* version) {
    return VersionRange::parse(range).contains(v(version));
}

std::string range_error(const char* range) {
    try {
        VersionRange::parse(range);
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "no error";
}

TEST(SemanticVersion, ReadsThreeOrTwoParts) {
    EXPECT_EQ(v("1.2.3"), (SemanticVersion{1, 2, 3}));
    EXPECT_EQ(v("0.10.0"), (SemanticVersion{0, 10, 0}));
    EXPECT_EQ(v("1.2"), (SemanticVersion{1, 2, 0}));
    EXPECT_EQ(v("1.2").to_string(), "1.2.0");
}

TEST(SemanticVersion, OrdersNumericallyNotAlphabetically) {
    EXPECT_LT(v("0.9.0"), v("0.10.0"));
    EXPECT_LT(v("1.2.3"), v("1.2.10"));
    EXPECT_GT(v("2.0"), v("1.99.99"));
}

TEST(SemanticVersion, RejectsWhatIsNotAVersion) {
    for (const char* bad : {"", "1", "1.2.3.4", "1..2", "a.b", "1.2.x", "-1.2", "01.2",
                            "1.2.3-alpha", " 1.2", "1.2."}) {
        EXPECT_THROW(SemanticVersion::parse(bad), std::invalid_argument) << bad;
    }
    try {
        SemanticVersion::parse("1.x");
        FAIL() << "1.x was accepted";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("'1.x' is not a version"), std::string::npos)
            << error.what();
        EXPECT_NE(std::string(error.what()).find("MAJOR.MINOR.PATCH"), std::string::npos)
            << error.what();
    }
}

TEST(VersionRange, StarAcceptsEverything) {
    EXPECT_TRUE(accepts("*", "0.0.0"));
    EXPECT_TRUE(accepts(" * ", "99.1.2"));
}

TEST(VersionRange, Comparisons) {
    EXPECT_TRUE(accepts("=1.2.3", "1.2.3"));
    EXPECT_FALSE(accepts("=1.2.3", "1.2.4"));
    EXPECT_TRUE(accepts("=1.2", "1.2.0"));
    EXPECT_TRUE(accepts(">=0.1", "0.1.0"));
    EXPECT_FALSE(accepts(">=0.1", "0.0.9"));
    EXPECT_TRUE(accepts(">0.1", "0.1.1"));
    EXPECT_FALSE(accepts(">0.1", "0.1.0"));
    EXPECT_TRUE(accepts("<1.0", "0.99.0"));
    EXPECT_FALSE(accepts("<1.0", "1.0.0"));
    EXPECT_TRUE(accepts("<=1.0", "1.0.0"));
    EXPECT_FALSE(accepts("<=1.0", "1.0.1"));
}

TEST(VersionRange, CommaJoinsConditionsThatMustAllHold) {
    EXPECT_TRUE(accepts(">=0.1, <1.0", "0.1.0"));
    EXPECT_TRUE(accepts(">=0.1, <1.0", "0.9.9"));
    EXPECT_FALSE(accepts(">=0.1, <1.0", "1.0.0"));
    EXPECT_FALSE(accepts(">=0.1, <1.0", "0.0.5"));
    EXPECT_TRUE(accepts(">= 0.1 ,< 1.0", "0.5.0"));
    EXPECT_FALSE(accepts(">=1.0, <1.0", "1.0.0"));
}

TEST(VersionRange, CaretBelowOneAllowsOnlyPatchReleases) {
    EXPECT_TRUE(accepts("^0.2", "0.2.0"));
    EXPECT_TRUE(accepts("^0.2", "0.2.9"));
    EXPECT_FALSE(accepts("^0.2", "0.3.0"));
    EXPECT_FALSE(accepts("^0.2", "0.1.9"));
    EXPECT_TRUE(accepts("^0.2.3", "0.2.5"));
    EXPECT_FALSE(accepts("^0.2.3", "0.2.2"));
}

TEST(VersionRange, CaretFromOneAllowsMinorReleases) {
    EXPECT_TRUE(accepts("^1.2", "1.2.0"));
    EXPECT_TRUE(accepts("^1.2", "1.9.0"));
    EXPECT_FALSE(accepts("^1.2", "2.0.0"));
    EXPECT_FALSE(accepts("^1.2", "1.1.9"));
    EXPECT_TRUE(accepts("^1.2.3", "1.2.3"));
    EXPECT_FALSE(accepts("^1.2.3", "1.2.2"));
}

TEST(VersionRange, TildeAllowsPatchReleases) {
    EXPECT_TRUE(accepts("~1.2.3", "1.2.3"));
    EXPECT_TRUE(accepts("~1.2.3", "1.2.99"));
    EXPECT_FALSE(accepts("~1.2.3", "1.3.0"));
    EXPECT_FALSE(accepts("~1.2.3", "1.2.2"));
    EXPECT_TRUE(accepts("~1.2", "1.2.0"));
    EXPECT_FALSE(accepts("~1.2", "1.3.0"));
}

TEST(VersionRange, KeepsTheTextForMessages) {
    EXPECT_EQ(VersionRange::parse("  >=0.1, <1.0 ").text(), ">=0.1, <1.0");
}

TEST(VersionRange, BadSyntaxSaysWhatIsWrongAndWhatIsAccepted) {
    const auto bare = range_error("1.2");
    EXPECT_NE(bare.find("'1.2' is not a version range"), std::string::npos) << bare;
    EXPECT_NE(bare.find("does not start with one of"), std::string::npos) << bare;
    EXPECT_NE(bare.find("'>=0.1, <1.0'"), std::string::npos) << bare;

    const auto bad_version = range_error(">=0.1, <1.x");
    EXPECT_NE(bad_version.find("'1.x' is not a version"), std::string::npos) << bad_version;

    EXPECT_NE(range_error(">=0.1,").find("a condition is empty"), std::string::npos);
    EXPECT_NE(range_error("").find("a condition is empty"), std::string::npos);
    EXPECT_NE(range_error("*, <1.0").find("'*' cannot be combined"), std::string::npos);
    for (const char* bad : {"=>1.0", "!=1.0", "^", "~x", ">=", "1.0 - 2.0", ">=1.0 <2.0"}) {
        EXPECT_THROW(VersionRange::parse(bad), std::invalid_argument) << bad;
    }
}

}  // namespace
}  // namespace moshtari
