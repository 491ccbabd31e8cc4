// The real `moshtari import` killed with SIGKILL in the middle of a big file, then run again: the
// store ends exactly as after one uninterrupted run, without a duplicate.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "import_fixture.hpp"
#include "moshtari/events.hpp"

namespace moshtari::data_csv {
namespace {

constexpr int kRows = 200'000;

class KillTest : public testing::ImportTest {
  protected:
    pid_t start_import(const std::filesystem::path& file) {
        const pid_t child = ::fork();
        if (child == 0) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            ::execl(MOSHTARI_BINARY, "moshtari", "--config", ws_.config_file().c_str(), "import",
                    "customers", file.c_str(), "--batch-size", "2000", "--map", "Id=external_id",
                    "--map", "Name=name", "--map", "Email=email", nullptr);
            ::_exit(127);
        }
        return child;
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
    const pid_t first = start_import(file);
    // Killed once some batches are committed and before the end.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::int64_t stored = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        stored = count("SELECT COUNT(*) FROM customers");
        if (stored >= 10'000) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(first, SIGKILL);
    const int status = wait_for(first);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the import ended before it could be killed; raise kRows";
    stored = count("SELECT COUNT(*) FROM customers");
    EXPECT_GT(stored, 0);
    EXPECT_LT(stored, kRows);
    EXPECT_EQ(stored % 2000, 0) << "only whole batches are ever committed";

    const int second = wait_for(start_import(file));
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

}  // namespace
}  // namespace moshtari::data_csv
