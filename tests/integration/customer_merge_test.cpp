// Merging customers on a real workspace with the real segment-lifecycle plugin: every kind of row
// moves, details are united with the survivor winning, conflicts are recorded, and a plugin
// handler that fails rolls the whole merge back.

#include <gtest/gtest.h>

#include <algorithm>

#include "integration/all_tables.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/error.hpp"
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
      - {id: won, probability: 1.0, won: true}
)yaml";

class CustomerMergeTest : public ::testing::Test {
  protected:
    // Only the plugins named run, so the handlers counted are known whatever else is bundled.
    explicit CustomerMergeTest(std::vector<std::filesystem::path> dirs = {MOSHTARI_PLUGIN_DIR},
                               std::vector<std::string> enabled = {"segment-lifecycle"})
        : test_(std::move(dirs), kPipeline, std::move(enabled)) {}

    Workspace& w() { return test_.workspace(); }

    std::int64_t count(const std::string& sql, CustomerId id) {
        SQLite::Statement query(w().database().sql(), sql);
        query.bind(1, static_cast<int64_t>(id));
        query.executeStep();
        return query.getColumn(0).getInt64();
    }

    // Sara twice: once from the shop, once from a phone call, with a bit of everything each.
    void two_saras() {
        Customer a;
        a.name = "Sara Ahmadi";
        a.contacts = {{ContactKind::email, "sara@example.com", "", true}};
        a.tags = {"vip"};
        a.attributes = {{"city", std::string("Shiraz")}};
        a_ = w().customers().create(a);

        Customer b;
        b.name = "Sarah Ahmady";
        b.language = "fa-IR";
        b.contacts = {{ContactKind::email, "sarah.a@example.com", "", true},
                      {ContactKind::phone, "+98 912 123 4567", "", true}};
        b.tags = {"newsletter", "vip"};
        b.attributes = {{"city", std::string("Tehran")}, {"plan", std::string("gold")}};
        b.consents = {{"sms", true, now(), "phone call"}};
        b_ = w().customers().create(b);

        Interaction call;
        call.customer_id = b_;
        call.channel = "phone";
        call.kind = "call";
        w().interactions().log(call);
        Order order;
        order.customer_id = b_;
        order.total = Money{4200, "EUR"};
        w().orders().add(order);
        Deal deal;
        deal.customer_id = b_;
        deal.title = "Gold plan";
        deal.pipeline_id = "sales";
        deal.value = Money{10000, "EUR"};
        w().deals().create(deal);
        Task task;
        task.title = "Call back";
        task.customer_id = b_;
        w().tasks().add(task);
        w().run_worker_pass(now());
    }

    moshtari::testing::TestWorkspace test_;
    CustomerId a_ = 0;
    CustomerId b_ = 0;
};

TEST_F(CustomerMergeTest, MovesEveryRowAndUnitesDetailsWithTheSurvivorWinning) {
    two_saras();
    ASSERT_EQ(count("SELECT COUNT(*) FROM segment_lifecycle_phases WHERE customer_id = ?", b_), 1);

    const auto merge = w().merges().merge(a_, b_, "tester");

    EXPECT_FALSE(w().customers().find(b_));
    for (const char* table : {"interactions", "orders", "deals", "tasks"}) {
        SCOPED_TRACE(table);
        EXPECT_EQ(
            count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE customer_id = ?", a_), 1);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM segment_lifecycle_phases WHERE customer_id = ?", b_), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM segment_lifecycle_phases WHERE customer_id = ?", a_), 1);

    const Customer sara = w().customers().get(a_);
    EXPECT_EQ(sara.name, "Sara Ahmadi");
    EXPECT_EQ(sara.language, "fa-IR") << "taken where the survivor had none";
    ASSERT_EQ(sara.contacts.size(), 3u);
    EXPECT_EQ(sara.primary_contact(ContactKind::email)->value, "sara@example.com");
    EXPECT_EQ(sara.primary_contact(ContactKind::phone)->value, "+989121234567");
    EXPECT_EQ(sara.tags, (std::vector<std::string>{"newsletter", "vip"}));
    EXPECT_EQ(std::get<std::string>(sara.attributes.at("city")), "Shiraz");
    EXPECT_EQ(std::get<std::string>(sara.attributes.at("plan")), "gold");
    EXPECT_TRUE(sara.has_consent("sms"));
    EXPECT_EQ(w().customers().find_by_contact(ContactKind::email, "sarah.a@example.com"), a_);

    const auto& conflicts = merge.details["conflicts"];
    ASSERT_EQ(conflicts.size(), 2u) << conflicts.dump();
    EXPECT_EQ(
        conflicts[0],
        (nlohmann::json{{"field", "name"}, {"kept", "Sara Ahmadi"}, {"dropped", "Sarah Ahmady"}}));
    EXPECT_EQ(
        conflicts[1],
        (nlohmann::json{{"field", "attributes.city"}, {"kept", "Shiraz"}, {"dropped", "Tehran"}}));
    EXPECT_EQ(merge.details["moved"]["orders"], 1);
    EXPECT_EQ(merge.details["moved"]["tags"], nlohmann::json{"newsletter"});
    EXPECT_EQ(merge.details["plugins"], nlohmann::json{"segment-lifecycle"});

    const auto merges = w().merges().merges_into(a_);
    ASSERT_EQ(merges.size(), 1u);
    EXPECT_EQ(merges[0].merged_id, b_);
    EXPECT_EQ(merges[0].by, "tester");
    EXPECT_EQ(merges[0].details, merge.details);
    const auto events = w().event_log().read_after(0, 1000, events::CustomersMerged::kType);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].as<events::CustomersMerged>().merged_id, b_);

    // The survivor's phase was kept; the merge's event recomputes it from the orders it gained.
    EXPECT_EQ(w().customers().get(a_).lifecycle_stage, "prospect");
    w().run_worker_pass(now());
    EXPECT_EQ(w().customers().get(a_).lifecycle_stage, "new");
}

TEST_F(CustomerMergeTest, ALaterMergeCarriesTheEarlierOnesAlong) {
    two_saras();
    Customer c;
    c.name = "S. Ahmadi";
    const auto c_id = w().customers().create(c);
    w().merges().merge(a_, b_, "tester");
    w().merges().merge(c_id, a_, "tester");
    const auto merges = w().merges().merges_into(c_id);
    ASSERT_EQ(merges.size(), 2u);
    EXPECT_EQ(merges[0].merged_id, b_);
    EXPECT_EQ(merges[1].merged_id, a_);
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE customer_id = ?", c_id), 1);
}

TEST_F(CustomerMergeTest, RefusesACustomerIntoItselfAndAPersonIntoACompany) {
    two_saras();
    Customer acme;
    acme.kind = CustomerKind::company;
    acme.name = "Acme";
    const auto company = w().customers().create(acme);
    EXPECT_THROW(w().merges().merge(a_, a_, "tester"), UserError);
    try {
        w().merges().merge(company, a_, "tester");
        ADD_FAILURE() << "a person was merged into a company";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("only customers of the same kind can be merged"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(w().merges().merge(a_, 999, "tester"), NotFound);
    EXPECT_TRUE(w().customers().find(a_));
}

class FailingHandlerTest : public CustomerMergeTest {
  protected:
    FailingHandlerTest()
        : CustomerMergeTest({MOSHTARI_PLUGIN_DIR, MOSHTARI_PRIVACY_FIXTURE_PLUGIN_DIR},
                            {"segment-lifecycle", "personal-data-fails"}) {}
};

TEST_F(FailingHandlerTest, AHandlerThatThrowsRollsBackTheWholeMergeOrErasure) {
    two_saras();
    ASSERT_EQ(w().personal_data_handlers().size(), 2u);
    const std::string before = all_tables(w().database().sql());
    try {
        w().merges().merge(a_, b_, "tester");
        ADD_FAILURE() << "the merge went through";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("'personal-data-fails' failed while merging"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(all_tables(w().database().sql()), before);
    EXPECT_THROW(w().privacy().erase(b_, "tester"), std::runtime_error);
    EXPECT_EQ(all_tables(w().database().sql()), before);
}

}  // namespace
}  // namespace moshtari
