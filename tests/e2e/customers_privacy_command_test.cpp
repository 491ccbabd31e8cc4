// `moshtari customers duplicates|merge|erase|export-personal` through the real binary, with the
// bundled plugins loaded as a user gets them.

#include <fstream>

#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class CustomersPrivacyCommand : public CliTest {
  protected:
    CustomersPrivacyCommand() {
        init();
        ok({"customers", "add", "--name", "Sara Ahmadi", "--email", "sara.ahmadi@gmail.com"});
        ok({"customers", "add", "--name", "Sarah Ahmadi", "--email", "saraahmadi+shop@gmail.com",
            "--tag", "newsletter"});
        ok({"customers", "add", "--name", "Acme", "--kind", "company"});
        ok({"orders", "add", "--customer", "2", "--total", "42.00"});
    }
};

TEST_F(CustomersPrivacyCommand, ListsDuplicatesAndMergesThem) {
    const auto duplicates = json({"customers", "duplicates"});
    ASSERT_EQ(duplicates.size(), 1u);
    EXPECT_EQ(duplicates[0]["a"], 1);
    EXPECT_EQ(duplicates[0]["b"], 2);
    EXPECT_EQ(duplicates[0]["b_name"], "Sarah Ahmadi");
    EXPECT_EQ(duplicates[0]["score"], 0.9);
    EXPECT_EQ(duplicates[0]["reasons"], "same email");

    const auto merged = ok({"customers", "merge", "1", "2", "--by", "ops"});
    EXPECT_NE(merged.find("merged customer #2 into #1: moved"), std::string::npos) << merged;
    EXPECT_NE(merged.find("1 orders"), std::string::npos) << merged;
    EXPECT_NE(merged.find("conflict on name: kept \"Sara Ahmadi\", dropped \"Sarah Ahmadi\""),
              std::string::npos)
        << merged;

    const auto sara = json({"customers", "show", "1"});
    EXPECT_EQ(sara["merged_ids"], nlohmann::json{2});
    ASSERT_EQ(sara["merges"].size(), 1u);
    EXPECT_EQ(sara["merges"][0]["by"], "ops");
    EXPECT_EQ(sara["merges"][0]["conflicts"], "name");
    EXPECT_EQ(sara["tags"], nlohmann::json{"newsletter"});
    EXPECT_NE(ok({"customers", "show", "1"}).find("merged_ids:"), std::string::npos);
    EXPECT_EQ(json({"customers", "duplicates"}).size(), 0u);
    EXPECT_EQ(run({"customers", "show", "2"}).exit_code, 1);
}

TEST_F(CustomersPrivacyCommand, RefusesMergesThatMakeNoSense) {
    const auto itself = run({"customers", "merge", "1", "1"});
    EXPECT_EQ(itself.exit_code, 1);
    EXPECT_NE(itself.err.find("cannot merge customer #1 into itself"), std::string::npos)
        << itself.err;
    const auto into_company = run({"customers", "merge", "3", "1"});
    EXPECT_EQ(into_company.exit_code, 1);
    EXPECT_NE(into_company.err.find("#1 is a person and #3 is a company"), std::string::npos)
        << into_company.err;
    EXPECT_EQ(run({"customers", "merge", "1", "99"}).exit_code, 1);
    EXPECT_EQ(run({"customers", "merge", "1"}).exit_code, 1);
    EXPECT_EQ(json({"customers", "list"}).size(), 3u) << "nothing was merged";
}

TEST_F(CustomersPrivacyCommand, ExportsAPersonsDataToAFileOrStdout) {
    const auto written = ok({"customers", "export-personal", "2", "--output", "sarah.json"});
    EXPECT_EQ(written, "wrote the personal data of customer #2 to sarah.json");
    const auto data = nlohmann::json::parse(std::ifstream(dir_ / "sarah.json"));
    EXPECT_EQ(data["customer"]["name"], "Sarah Ahmadi");
    EXPECT_EQ(data["orders"].size(), 1u);
    EXPECT_TRUE(data["plugins"].contains("segment-lifecycle"));

    const auto printed = nlohmann::json::parse(ok({"customers", "export-personal", "2"}));
    EXPECT_EQ(printed["privacy_audit"].size(), 2u) << "both exports are audited";
    EXPECT_EQ(
        run({"customers", "export-personal", "2", "--output", "no/such/dir/x.json"}).exit_code, 1);
    EXPECT_EQ(run({"customers", "export-personal", "99"}).exit_code, 1);
}

TEST_F(CustomersPrivacyCommand, ErasesACustomerAndKeepsTheOrderAsAGuestOrder) {
    const auto erased = ok({"customers", "erase", "2", "--by", "dpo"});
    EXPECT_NE(erased.find("customer #2: erased the customer"), std::string::npos) << erased;
    EXPECT_NE(erased.find("1 order kept without the customer"), std::string::npos) << erased;
    EXPECT_EQ(erased.find("Sarah"), std::string::npos) << erased;
    EXPECT_EQ(run({"customers", "show", "2"}).exit_code, 1);
    const auto orders = json({"orders", "list"});
    ASSERT_EQ(orders.size(), 1u);
    EXPECT_EQ(orders[0]["customer"], "guest");
    EXPECT_EQ(orders[0]["total"], "42.00 EUR");
    EXPECT_EQ(run({"customers", "erase", "2"}).exit_code, 1) << "already gone";
}

}  // namespace
}  // namespace moshtari::e2e
