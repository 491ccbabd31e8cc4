// Interactions and deals keep the id of the system they came from: unique when given, found by
// it, written the same way by the stores and the bulk import path, which follows the stores'
// rules for stages.

#include "moshtari/bulk_deals.hpp"
#include "moshtari/bulk_interactions.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/transaction.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

class ExternalIdTest : public StoreTest {
  protected:
    CustomerId customer = [this] {
        Customer c;
        c.name = "Acme GmbH";
        return ws.customers().create(c);
    }();

    Deal deal(std::string external_id) {
        Deal d;
        d.customer_id = customer;
        d.title = "100 licences";
        d.pipeline_id = "sales";
        d.value = parse_money("12000", "EUR");
        d.external_id = std::move(external_id);
        return d;
    }
};

TEST_F(ExternalIdTest, StoresFindInteractionsAndDealsByItAndRefuseASecondOne) {
    Interaction call;
    call.customer_id = customer;
    call.channel = "phone";
    call.kind = "call";
    call.external_id = "CRM-7";
    const InteractionId id = ws.interactions().log(call);
    EXPECT_EQ(ws.interactions().find_by_external_id("CRM-7")->id, id);
    EXPECT_EQ(ws.interactions().get(id).external_id, "CRM-7");
    EXPECT_FALSE(ws.interactions().find_by_external_id("CRM-8"));
    try {
        ws.interactions().log(call);
        FAIL() << "a second interaction with the same external id";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "interaction #1 already has the external id 'CRM-7'");
    }
    call.external_id.clear();
    ws.interactions().log(call);
    ws.interactions().log(call);  // any number without one

    const DealId d = ws.deals().create(deal("OPP-1"));
    EXPECT_EQ(ws.deals().find_by_external_id("OPP-1")->id, d);
    EXPECT_THROW(ws.deals().create(deal("OPP-1")), UserError);
    ws.deals().create(deal(""));
    ws.deals().create(deal(""));
}

TEST_F(ExternalIdTest, TheBulkPathMovesDealsUnderTheStoresRulesAndRecordsTheHistory) {
    Transaction tx(ws.database());
    auto bulk = make_bulk_deals(ws.database(), ws.pipelines());
    Deal d = deal("OPP-1");
    d.id = bulk->add(d);
    EXPECT_THROW(bulk->add(deal("OPP-1")), UserError);
    EXPECT_EQ(bulk->find_titled(customer, "sales", "100 licences").size(), 1u);

    d.stage_id = "won";
    d.owner = "ali";
    bulk->replace(d, *parse_time("2026-03-01"), "import");
    const Deal moved = *bulk->find("OPP-1");
    EXPECT_EQ(moved.stage_id, "won");
    EXPECT_EQ(moved.owner, "ali");
    ASSERT_EQ(moved.history.size(), 2u);
    EXPECT_EQ(moved.history[1], (StageChange{"lead", "won", *parse_time("2026-03-01"), "import"}));

    d.stage_id = "lead";
    try {
        bulk->replace(d, now(), "import");
        FAIL() << "a won deal never moves again";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("is closed"), std::string::npos) << e.what();
    }
    d.stage_id = "nowhere";
    EXPECT_THROW(bulk->replace(d, now(), "import"), UserError);
    EXPECT_EQ(bulk->find("OPP-1")->history.size(), 2u) << "a refused write leaves nothing";
    tx.commit();
    EXPECT_TRUE(ws.event_log().read_after(0, 100, "DealStageChanged").empty())
        << "the importer announces the batch instead";
}

TEST_F(ExternalIdTest, TheBulkPathRecognisesAnInteractionByItsNaturalKey) {
    Transaction tx(ws.database());
    auto bulk = make_bulk_interactions(ws.database());
    Interaction note;
    note.customer_id = customer;
    note.channel = "in-person";
    note.kind = "visit";
    note.at = *parse_time("2026-02-01T08:30:00Z");
    note.text = "سلام";
    note.id = bulk->add(note);
    EXPECT_EQ(bulk->find_same(note)->id, note.id);
    Interaction other = note;
    other.direction = Direction::outbound;
    EXPECT_FALSE(bulk->find_same(other));
    note.channel.clear();
    EXPECT_THROW(bulk->add(note), UserError);
    note.channel = "web";
    note.customer_id = 999;
    EXPECT_THROW(bulk->add(note), NotFound);
    tx.commit();
    EXPECT_EQ(ws.interactions().list(customer, 10).size(), 1u);
}

}  // namespace
}  // namespace moshtari
