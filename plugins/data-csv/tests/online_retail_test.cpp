// The UCI Online Retail file (541,909 invoice lines) imported as customers and as orders with the
// mappings in examples/, as docs/importing.md shows.

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "import_fixture.hpp"

namespace moshtari::data_csv {
namespace {

const std::filesystem::path kData =
    std::filesystem::path(MOSHTARI_SHARED_DATA) / "online-retail" / "online-retail.csv.gz";
const std::filesystem::path kExamples = std::filesystem::path(MOSHTARI_SOURCE_DIR) / "examples";

class OnlineRetailTest : public testing::ImportTest {
  protected:
    void SetUp() override {
        if (!std::filesystem::exists(kData)) {
            GTEST_SKIP() << kData << " is absent; the shared data folder (../shared/data beside "
                         << "the checkout) holds it in CI";
        }
    }

    testing::Output import(const char* entity, const char* mapping) {
        const auto started = std::chrono::steady_clock::now();
        testing::Output output =
            run({"import", entity, kData.string(), "--mapping", (kExamples / mapping).string(),
                 "--reject-file", path("rejects.csv").string()});
        std::cout
            << output.out << "(" << entity << " import: "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s)\n";
        return output;
    }
};

TEST_F(OnlineRetailTest, CustomersThenOrders) {
    const auto customers = import("customers", "online-retail-customers.yaml");
    EXPECT_NE(customers.out.find("customers: created 4372, updated 0, merged 0, unchanged 402457, "
                                 "skipped 135080, rejected 0 (541909 rows"),
              std::string::npos)
        << customers.out << customers.err;
    EXPECT_NE(customers.out.find("skipped 135080: nothing identifies the customer"),
              std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 4372);
    EXPECT_EQ(count("SELECT COUNT(*) FROM customer_attributes WHERE name = 'country'"), 4372);

    const auto orders = import("orders", "online-retail-orders.yaml");
    EXPECT_NE(orders.out.find("orders: created 25900, updated 0, merged 0, unchanged 0, skipped 0, "
                              "rejected 0 (541909 rows"),
              std::string::npos)
        << orders.out << orders.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 25900);
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE customer_id IS NULL"), 3710);
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE cancelled = 1"),
              count("SELECT COUNT(*) FROM orders WHERE external_id LIKE 'C%'"));
    EXPECT_GT(count("SELECT COUNT(*) FROM orders WHERE cancelled = 1"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM order_lines"), 541909);
    EXPECT_FALSE(std::filesystem::exists(path("rejects.csv"))) << "nothing valid is rejected";

    const auto again = import("orders", "online-retail-orders.yaml");
    EXPECT_NE(again.out.find("orders: created 0, updated 0, merged 0, unchanged 25900"),
              std::string::npos)
        << again.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM order_lines"), 541909);
}

}  // namespace
}  // namespace moshtari::data_csv
