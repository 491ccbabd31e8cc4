#include "read_ahead.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace moshtari::data_csv {
namespace {

// Items are read as numbers and prepared (on two threads) into their text, which tells whether
// each arrives in order and prepared.
bool count_to(int& counter, int end, std::string& item) {
    if (counter == end) return false;
    item = std::to_string(counter++);
    return true;
}

void prepare(std::string& item) {
    item = "#" + item;
}

TEST(ReadAheadTest, ItemsArriveInOrderAndPreparedAcrossManyChunks) {
    int read = 0;
    ReadAhead<std::string> ahead([&](std::string& item) { return count_to(read, 10'000, item); },
                                 prepare, 2);
    std::string item;
    int expected = 0;
    while (ahead.next(item)) EXPECT_EQ(item, "#" + std::to_string(expected++));
    EXPECT_EQ(expected, 10'000);
    EXPECT_FALSE(ahead.next(item));
}

TEST(ReadAheadTest, AReadErrorArrivesAfterTheItemsReadBeforeIt) {
    int read = 0;
    ReadAhead<std::string> ahead(
        [&](std::string& item) {
            if (read == 2'500) throw std::runtime_error("line 2501: a quote is never closed");
            return count_to(read, -1, item);
        },
        prepare, 2);
    std::string item;
    int received = 0;
    try {
        while (ahead.next(item)) EXPECT_EQ(item, "#" + std::to_string(received++));
        FAIL() << "the error was lost";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "line 2501: a quote is never closed");
    }
    EXPECT_EQ(received, 2'500);
}

TEST(ReadAheadTest, APrepareErrorArrivesAfterTheItemsBeforeIt) {
    int read = 0;
    ReadAhead<std::string> ahead([&](std::string& item) { return count_to(read, 10'000, item); },
                                 [](std::string& item) {
                                     if (item == "3000") throw std::runtime_error("item 3000");
                                     prepare(item);
                                 },
                                 2);
    std::string item;
    int received = 0;
    try {
        while (ahead.next(item)) EXPECT_EQ(item, "#" + std::to_string(received++));
        FAIL() << "the error was lost";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "item 3000");
    }
    EXPECT_EQ(received, 3'000);
}

TEST(ReadAheadTest, ACallerThatStopsEarlyDoesNotWaitForTheWholeInput) {
    // An endless input: destroying the read-ahead must stop its threads, not drain the input.
    int read = 0;
    {
        ReadAhead<std::string> ahead([&](std::string& item) { return count_to(read, -1, item); },
                                     prepare, 2);
        std::string item;
        ASSERT_TRUE(ahead.next(item));
        EXPECT_EQ(item, "#0");
    }
    EXPECT_LT(read, 100'000);
}

}  // namespace
}  // namespace moshtari::data_csv
