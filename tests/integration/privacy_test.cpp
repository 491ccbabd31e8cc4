// The right of access and the right to be forgotten on a real workspace with the real
// segment-lifecycle plugin: an export holds everything, the plugin's data included; an erasure
// leaves the person's name, email and phone in no table, keeps what the configuration keeps, and
// is audited without personal data.

#include <gtest/gtest.h>

#include "integration/all_tables.hpp"
#include "moshtari/config_error.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/privacy_store.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/task_store.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari {
namespace {

constexpr const char* kPipeline = R"yaml(
pipelines:
  - id: sales
    stages:
      - {id: lead, probability: 0.1}
)yaml";

// What must not survive an erasure, in the forms the store keeps them.
const std::vector<std::string> kPersonal = {"Parvaneh", "Tavakoli", "parvaneh@example.com",
                                            "9125550199", "Ferdowsi Street"};

class PrivacyTest : public ::testing::Test {
  protected:
    explicit PrivacyTest(const std::string& yaml = "")
        : test_({MOSHTARI_PLUGIN_DIR}, std::string(kPipeline) + yaml) {}

    Workspace& w() { return test_.workspace(); }

    std::int64_t scalar(const std::string& sql) {
        return w().database().sql().execAndGet(sql).getInt64();
    }

    // Parvaneh with something in every table that can name her, and Kaveh, who stays.
    CustomerId parvaneh() {
        Customer p;
        p.given_name = "Parvaneh";
        p.family_name = "Tavakoli";
        p.contacts = {{ContactKind::email, "parvaneh@example.com", "", true},
                      {ContactKind::phone, "+98 912 555 0199", "", true}};
        p.attributes = {{"address", std::string("12 Ferdowsi Street")}};
        p.tags = {"vip"};
        p.consents = {{"email", true, now(), "Parvaneh Tavakoli, web form"}};
        const auto id = w().customers().create(p);

        Customer k;
        k.name = "Kaveh Rahimi";
        k.contacts = {{ContactKind::email, "kaveh@example.com", "", true}};
        kaveh_ = w().customers().create(k);

        Interaction call;
        call.customer_id = id;
        call.channel = "phone";
        call.kind = "call";
        call.text = "Parvaneh asked about her order";
        w().interactions().log(call);
        Order order;
        order.customer_id = id;
        order.total = Money{4200, "EUR"};
        order.lines = {{"SKU-1", "Tea", 2, 2100}};
        w().orders().add(order);
        Deal deal;
        deal.customer_id = id;
        deal.title = "Tavakoli family plan";
        deal.pipeline_id = "sales";
        deal.value = Money{10000, "EUR"};
        const auto deal_id = w().deals().create(deal);
        Task task;
        task.title = "Send Parvaneh the contract";
        task.deal_id = deal_id;
        w().tasks().add(task);
        w().run_worker_pass(now());
        return id;
    }

    moshtari::testing::TestWorkspace test_;
    CustomerId kaveh_ = 0;
};

TEST_F(PrivacyTest, ExportHoldsEverythingIncludingThePluginsData) {
    const auto id = parvaneh();
    const auto data = w().privacy().export_personal(id, "dpo");

    EXPECT_EQ(data["customer"]["name"], "Parvaneh Tavakoli");
    ASSERT_EQ(data["customer"]["contacts"].size(), 2u);
    EXPECT_EQ(data["customer"]["attributes"]["address"], "12 Ferdowsi Street");
    ASSERT_EQ(data["customer"]["consents"].size(), 1u);
    ASSERT_EQ(data["interactions"].size(), 1u);
    EXPECT_EQ(data["interactions"][0]["text"], "Parvaneh asked about her order");
    ASSERT_EQ(data["orders"].size(), 1u);
    EXPECT_EQ(data["orders"][0]["total"]["minor_units"], 4200);
    ASSERT_EQ(data["deals"].size(), 1u);
    ASSERT_EQ(data["tasks"].size(), 1u) << "tasks about her deals are hers too";
    EXPECT_EQ(data["plugins"]["segment-lifecycle"]["phase"], "new");
    ASSERT_EQ(data["plugins"]["segment-lifecycle"]["changes"].size(), 1u);
    EXPECT_EQ(data["plugins"]["segment-lifecycle"]["changes"][0]["to"], "new");
    EXPECT_EQ(data["privacy_audit"].size(), 1u) << "the export itself is listed";

    const auto audit = w().privacy().audit(id);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "export");
    EXPECT_EQ(audit[0].by, "dpo");
}

TEST_F(PrivacyTest, EraseLeavesNoPersonalDataInAnyTableAndKeepsOrderTotals) {
    const auto id = parvaneh();
    const auto entry = w().privacy().erase(id, "dpo");

    const std::string everything = all_tables(w().database().sql());
    for (const auto& personal : kPersonal) {
        EXPECT_EQ(everything.find(personal), std::string::npos) << personal << " survived in:\n"
                                                                << everything;
    }
    EXPECT_FALSE(w().customers().find(id));
    EXPECT_EQ(
        scalar("SELECT COUNT(*) FROM orders WHERE customer_id IS NULL AND total_minor = 4200"), 1)
        << "keep_orders is on by default: the order stays, as a guest order";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM interactions"), 0);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM deals"), 0);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM tasks"), 0);
    EXPECT_EQ(w().customers().get(kaveh_).name, "Kaveh Rahimi") << "nobody else is touched";

    const auto audit = w().privacy().audit(id);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "erase");
    EXPECT_EQ(audit[0].summary, entry.summary);
    EXPECT_NE(entry.summary.find("1 order kept without the customer"), std::string::npos)
        << entry.summary;
    const auto erased = w().event_log().read_after(0, 1000, events::CustomerErased::kType);
    ASSERT_EQ(erased.size(), 1u);
    EXPECT_EQ(erased[0].as<events::CustomerErased>().kept, std::vector<std::string>{"orders"});

    // Events written before the erasure still reach the plugin, which finds nobody to judge.
    w().run_worker_pass(now());
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM segment_lifecycle_phases"), 1);
    EXPECT_THROW(w().privacy().export_personal(id, "dpo"), NotFound);
}

// The event log names customers by id: an erased customer's id never comes back as a new one's.
TEST_F(PrivacyTest, AnErasedCustomersIdIsNeverGivenToAnother) {
    Customer last;
    last.name = "Last In";
    const CustomerId erased = w().customers().create(last);
    w().privacy().erase(erased, "test");
    Customer next;
    next.name = "Next In";
    EXPECT_GT(w().customers().create(next), erased);
}

class KeepInteractionsTest : public PrivacyTest {
  protected:
    KeepInteractionsTest()
        : PrivacyTest("privacy:\n  keep_orders: false\n  keep_interactions: true\n") {}
};

TEST_F(KeepInteractionsTest, EraseFollowsThePrivacySection) {
    const auto id = parvaneh();
    w().privacy().erase(id, "dpo");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM orders"), 0);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM order_lines"), 0);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM interactions WHERE customer_id IS NULL AND text = '' "
                     "AND kind = 'call'"),
              1);
    const std::string everything = all_tables(w().database().sql());
    for (const auto& personal : kPersonal)
        EXPECT_EQ(everything.find(personal), std::string::npos) << personal;
}

TEST(PrivacyConfigTest, RefusesUnknownKeysAndNonBooleans) {
    try {
        moshtari::testing::TestWorkspace test(
            {}, "privacy:\n  keep_order: true\n  keep_interactions: maybe\n");
        ADD_FAILURE() << "the configuration was accepted";
    } catch (const ConfigError& e) {
        ASSERT_EQ(e.problems().size(), 2u);
        EXPECT_NE(e.problems()[0].to_string().find("did you mean 'keep_orders'"), std::string::npos)
            << e.problems()[0].to_string();
        EXPECT_NE(e.problems()[1].to_string().find("keep_interactions"), std::string::npos)
            << e.problems()[1].to_string();
    }
}

}  // namespace
}  // namespace moshtari
