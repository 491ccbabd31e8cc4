// The drawing algorithm on its own: the random stream against values computed with Python's
// hashlib, uniform rejection, weights, one win per customer, the entry list's format, and the
// Python tool in tools/ giving the same draw order as the C++ code.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "drawing.hpp"
#include "entry_list.hpp"
#include "moshtari/error.hpp"
#include "moshtari/sdk/testing.hpp"
#include "seed.hpp"

namespace moshtari::draws {
namespace {

const auto kEveryone = [](const Pick&) { return true; };

TEST(RandomStream, IsSha256OfTheSeedAndABigEndianCounter) {
    // python3 -c "import hashlib; print(int.from_bytes(hashlib.sha256(b'abc' +
    //     (0).to_bytes(8, 'big')).digest()[:8], 'big'))", and with (1).
    RandomStream stream("abc");
    EXPECT_EQ(stream.next(), 5430338203079989309u);
    EXPECT_EQ(stream.next(), 5261012271403106530u);
}

TEST(RandomStream, UniformStaysInRangeAndCoversIt) {
    RandomStream stream("range");
    std::map<std::uint64_t, int> seen;
    for (int i = 0; i < 7000; ++i) ++seen[stream.uniform(7)];
    ASSERT_EQ(seen.size(), 7u);
    EXPECT_EQ(seen.rbegin()->first, 6u);
    for (const auto& [value, times] : seen) {
        EXPECT_GT(times, 850) << value;  // 1000 expected; 850 is over 5 standard deviations off
        EXPECT_LT(times, 1150) << value;
    }
    EXPECT_EQ(stream.uniform(1), 0u);
}

TEST(Drawing, TicketsWeighTheFirstPick) {
    // Customer 1 holds one ticket, customer 2 three: over 4000 seeds customer 2 comes first about
    // 3000 times (standard deviation 27).
    const std::vector<ListedEntry> list{{1, 1, 1}, {2, 2, 2}, {3, 2, 1}};
    int second_first = 0;
    for (int seed = 0; seed < 4000; ++seed) {
        const auto picks = draw_order(list, std::to_string(seed), 1, kEveryone);
        ASSERT_EQ(picks.size(), 1u);
        second_first += picks[0].customer == 2 ? 1 : 0;
    }
    EXPECT_GT(second_first, 2850);
    EXPECT_LT(second_first, 3150);
}

TEST(Drawing, ACustomerIsDrawnOnceAndExcludedPicksDoNotCount) {
    std::vector<ListedEntry> list;
    for (std::int64_t i = 1; i <= 60; ++i) list.push_back({i, i % 10 + 1, i % 4 + 1});
    const auto all = draw_order(list, "everyone", 100, kEveryone);
    std::set<std::int64_t> customers;
    for (const auto& pick : all) customers.insert(pick.customer);
    EXPECT_EQ(all.size(), 10u) << "the pool runs out after the ten customers";
    EXPECT_EQ(customers.size(), 10u);

    const auto three = draw_order(list, "everyone", 3,
                                  [&all](const Pick& p) { return p.customer != all[0].customer; });
    ASSERT_EQ(three.size(), 4u) << "the excluded first pick is passed over";
    EXPECT_EQ(std::vector<Pick>(all.begin(), all.begin() + 4), three)
        << "exclusion does not change the order";
    EXPECT_TRUE(draw_order({}, "nobody", 3, kEveryone).empty());
}

TEST(EntryList, IsCanonicalAndReadStrictly) {
    const std::string text = format_entry_list({{12, 3, 2}, {4, 7, 1}});
    EXPECT_EQ(text, "4 7 1\n12 3 2\n");
    EXPECT_EQ(parse_entry_list(text, "list.txt"),
              (std::vector<ListedEntry>{{4, 7, 1}, {12, 3, 2}}));
    const auto refused = [](const std::string& bad, const std::string& message) {
        try {
            parse_entry_list(bad, "list.txt");
            ADD_FAILURE() << "accepted " << bad;
        } catch (const UserError& e) {
            EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
        }
    };
    refused("4 7 1\n12 3\n", "list.txt:2: '12 3' is not three positive numbers");
    refused("4 7 1\n3 3 1\n", "list.txt:2: entry 3 does not come after entry 4");
    refused("4 7 1", "list.txt:1: the last line has no line feed");
    refused("4 07 1\n", "list.txt:1:");
    refused("4 7 0\n", "list.txt:1:");
    refused("4  7 1\n", "list.txt:1:");
    refused("1 1 4503599627370496\n2 2 1\n", "list.txt:2: the tickets add up to more than");
}

TEST(Seed, TheCommitmentIsTheSha256OfTheSecret) {
    const std::string secret = make_secret();
    EXPECT_EQ(secret.size(), 64u);
    EXPECT_NE(secret, make_secret());
    // python3 -c "import hashlib; print(hashlib.sha256(b'a' * 64).hexdigest())"
    EXPECT_EQ(commitment_of(std::string(64, 'a')),
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    EXPECT_EQ(seed_text(secret, ""), secret);
    EXPECT_EQ(secret_of(seed_text(secret, "12 24 31 40 45")), secret);
}

// tools/recompute_winners.py under Debian's python3, its JSON output parsed.
nlohmann::json run_tool(const std::string& arguments) {
    const std::string command = "/usr/bin/python3 " RECOMPUTE_TOOL " " + arguments;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot start " + command);
    std::string out;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << command;
    return nlohmann::json::parse(out);
}

TEST(Drawing, ThePythonToolGivesTheSameDrawOrder) {
    std::mt19937_64 random(20261124);
    std::vector<ListedEntry> list;
    std::int64_t entry = 0;
    for (int i = 0; i < 400; ++i) {
        entry += 1 + static_cast<std::int64_t>(random() % 5);
        list.push_back({entry, 1 + static_cast<std::int64_t>(random() % 150),
                        1 + static_cast<std::int64_t>(random() % 9)});
    }
    const moshtari::testing::TempDir dir("draws-tool");
    const auto file = dir / "entries.txt";
    const std::string text = format_entry_list(list);
    std::ofstream(file, std::ios::binary) << text;
    const std::string seed = make_secret() + ":07 19 23 41 48";
    const std::set<std::int64_t> excluded{list[10].customer, list[200].customer};
    const auto picks =
        draw_order(list, seed, 25, [&](const Pick& p) { return excluded.count(p.customer) == 0; });
    const auto tool =
        run_tool(fmt::format("{} '{}' --winners 25 --exclude {},{} --json", file.string(), seed,
                             list[10].customer, list[200].customer));
    ASSERT_EQ(tool.size(), picks.size());
    ASSERT_GE(picks.size(), 25u);
    for (std::size_t i = 0; i < picks.size(); ++i) {
        EXPECT_EQ(tool[i]["entry"], picks[i].entry) << i;
        EXPECT_EQ(tool[i]["customer"], picks[i].customer) << i;
        EXPECT_EQ(tool[i]["winner"], excluded.count(picks[i].customer) == 0) << i;
    }
}

}  // namespace
}  // namespace moshtari::draws
