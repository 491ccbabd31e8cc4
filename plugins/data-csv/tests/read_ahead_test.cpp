#include "read_ahead.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace moshtari::data_csv {
namespace {

TEST(ReadAheadTest, ItemsArriveInOrderAcrossManyChunks) {
    int produced = 0;
    ReadAhead<std::string> ahead([&](std::string& item) {
        if (produced == 10'000) return false;
        item = std::to_string(produced++);
        return true;
    });
    std::string item;
    int expected = 0;
    while (ahead.next(item)) EXPECT_EQ(item, std::to_string(expected++));
    EXPECT_EQ(expected, 10'000);
    EXPECT_FALSE(ahead.next(item));
}

TEST(ReadAheadTest, AnErrorArrivesAfterTheItemsProducedBeforeIt) {
    int produced = 0;
    ReadAhead<int> ahead([&](int& item) {
        if (produced == 2'500) throw std::runtime_error("line 2501: a quote is never closed");
        item = produced++;
        return true;
    });
    int item = -1;
    int received = 0;
    try {
        while (ahead.next(item)) EXPECT_EQ(item, received++);
        FAIL() << "the producer's error was lost";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "line 2501: a quote is never closed");
    }
    EXPECT_EQ(received, 2'500);
}

TEST(ReadAheadTest, ACallerThatStopsEarlyDoesNotWaitForTheWholeInput) {
    // An endless input: destroying the read-ahead must stop its thread, not drain the input.
    long produced = 0;
    {
        ReadAhead<long> ahead([&](long& item) {
            item = produced++;
            return true;
        });
        long item = 0;
        ASSERT_TRUE(ahead.next(item));
        EXPECT_EQ(item, 0);
    }
    EXPECT_LT(produced, 100'000);
}

}  // namespace
}  // namespace moshtari::data_csv
