// The real `moshtari import` killed with SIGKILL in the middle of a big file, then run again: the
// store ends exactly as after one uninterrupted run, without a duplicate, for customers, for
// orders whose lines span batches and for interactions found again by their natural key.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "import_fixture.hpp"
#include "moshtari/events.hpp"

namespace moshtari::data_csv {
namespace {

constexpr int kRows = 200'000;

class KillTest : public testing::ImportTest {
  protected:
    // `moshtari import ENTITY FILE --batch-size 2000 ARGS...` in a child process.
    pid_t start_import(const char* entity, const std::filesystem::path& file,
                       std::vector<std::string> args) {
        std::vector<std::string> argv{"moshtari",     "--config", ws_.config_file().string(),
                                      "import",       entity,     file.string(),
                                      "--batch-size", "2000"};
        argv.insert(argv.end(), args.begin(), args.end());
        const pid_t child = ::fork();
        if (child == 0) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            std::vector<char*> pointers;
            for (auto& arg : argv) pointers.push_back(arg.data());
            pointers.push_back(nullptr);
            ::execv(MOSHTARI_BINARY, pointers.data());
            ::_exit(127);
        }
        return child;
    }

    pid_t start_customer_import(const std::filesystem::path& file) {
        return start_import(
            "customers", file,
            {"--map", "Id=external_id", "--map", "Name=name", "--map", "Email=email"});
    }

    // Waits until `sql` counts at least `enough`, then kills `child`; expects it was still running.
    void kill_once(pid_t child, const std::string& sql, std::int64_t enough) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline && count(sql) < enough) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ::kill(child, SIGKILL);
        const int status = wait_for(child);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "the import ended before it could be killed; raise the rows";
    }

    static int wait_for(pid_t child) {
        int status = 0;
        ::waitpid(child, &status, 0);
        return status;
    }
};

TEST_F(KillTest, AKilledImportRunAgainEndsAsOneUninterruptedRun) {
    const auto file = path("big.csv");
    {
        std::ofstream out(file);
        out << "Id,Name,Email\n";
        for (int i = 0; i < kRows; ++i) {
            out << "K" << i << ",Customer " << i << ",customer" << i << "@example.com\n";
        }
    }
    kill_once(start_customer_import(file), "SELECT COUNT(*) FROM customers", 10'000);
    const std::int64_t stored = count("SELECT COUNT(*) FROM customers");
    EXPECT_GT(stored, 0);
    EXPECT_LT(stored, kRows);
    EXPECT_EQ(stored % 2000, 0) << "only whole batches are ever committed";

    const int second = wait_for(start_customer_import(file));
    ASSERT_TRUE(WIFEXITED(second) && WEXITSTATUS(second) == 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), kRows);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT external_id) FROM customers"), kRows);
    EXPECT_EQ(count("SELECT COUNT(*) FROM customer_contacts"), kRows);
    std::int64_t announced = 0;
    for (const auto& record :
         w().event_log().read_after(0, 1'000, events::CustomersImported::kType)) {
        announced += record.as<events::CustomersImported>().created;
    }
    EXPECT_EQ(announced, kRows) << "each committed batch announced once, the killed one never";
}

// Three lines per order, so batches end inside orders: a re-run adds exactly the missing lines.
TEST_F(KillTest, AKilledOrderImportRunAgainHasEveryOrderAndLineOnce) {
    constexpr int kOrders = 60'000;
    const auto file = path("orders.csv");
    {
        std::ofstream out(file);
        out << "Invoice,At,Sku,Quantity,Price\n";
        for (int i = 0; i < kOrders; ++i) {
            for (int line = 1; line <= 3; ++line) {
                out << "INV" << i << ",2026-01-02 10:00,SKU" << line << "," << line << "," << line
                    << "." << (i % 100) << "\n";
            }
        }
    }
    const std::vector<std::string> map{"--map",      "Invoice=external_id",
                                       "--map",      "At=at",
                                       "--map",      "Sku=sku",
                                       "--map",      "Quantity=quantity",
                                       "--map",      "Price=unit_price",
                                       "--currency", "EUR"};
    kill_once(start_import("orders", file, map), "SELECT COUNT(*) FROM orders", 5'000);
    const std::int64_t stored = count("SELECT COUNT(*) FROM orders");
    EXPECT_GT(stored, 0);
    EXPECT_LT(stored, kOrders);

    const int second = wait_for(start_import("orders", file, map));
    ASSERT_TRUE(WIFEXITED(second) && WEXITSTATUS(second) == 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), kOrders);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT external_id) FROM orders"), kOrders);
    EXPECT_EQ(count("SELECT COUNT(*) FROM order_lines"), 3 * kOrders);
    // Each order's total is the sum of its three lines, whichever run stored which line.
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders o WHERE total_minor != (SELECT SUM(quantity * "
                    "unit_price_minor) FROM order_lines l WHERE l.order_id = o.id)"),
              0);
}

// Interactions without external ids: the re-run recognises the committed ones by customer,
// channel, kind, direction, time and text, and adds exactly the others.
TEST_F(KillTest, AKilledInteractionImportRunAgainHasEveryInteractionOnce) {
    run({"import", "customers", write("c.csv", "external_id\nK1\nK2\nK3\n").string()});
    const auto file = path("interactions.csv");
    {
        std::ofstream out(file);
        out << "customer_external_id,channel,kind,at,text\n";
        for (int i = 0; i < kRows; ++i) {
            // A second apart, so the natural key's (customer, time) index finds each at once.
            out << fmt::format("K{},phone,call,2026-01-{:02} {:02}:{:02}:{:02},call {}\n",
                               1 + i % 3, 1 + i / 86'400, i / 3600 % 24, i / 60 % 60, i % 60, i);
        }
    }
    kill_once(start_import("interactions", file, {}), "SELECT COUNT(*) FROM interactions", 10'000);
    const std::int64_t stored = count("SELECT COUNT(*) FROM interactions");
    EXPECT_GT(stored, 0);
    EXPECT_LT(stored, kRows);
    EXPECT_EQ(stored % 2000, 0) << "only whole batches are ever committed";

    const int second = wait_for(start_import("interactions", file, {}));
    ASSERT_TRUE(WIFEXITED(second) && WEXITSTATUS(second) == 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), kRows);
    EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT DISTINCT customer_id, at, text FROM "
                    "interactions)"),
              kRows);
    std::int64_t announced = 0;
    for (const auto& record :
         w().event_log().read_after(0, 1'000, events::InteractionsImported::kType)) {
        announced += record.as<events::InteractionsImported>().created;
    }
    EXPECT_EQ(announced, kRows) << "each committed batch announced once, the killed one never";
}

}  // namespace
}  // namespace moshtari::data_csv
