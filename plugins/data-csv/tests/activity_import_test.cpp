// The real import and export commands for interactions and deals on a real workspace: customers
// found by external id or email, re-runs that change nothing, rejects that are fixed and imported
// again, dry runs, modes, stage moves recorded in the history, and batch events.

#include <gtest/gtest.h>
#include <zlib.h>

#include "import_fixture.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"

namespace moshtari::data_csv {
namespace {

using testing::ImportTest;
using testing::Output;

constexpr const char* kPipelines =
    "data-csv:\n"
    "  default_region: GB\n"
    "  mappings:\n"
    "    crm-calls:\n"
    "      mode: update\n"
    "      columns:\n"
    "        - {column: Ref, field: external_id}\n"
    "        - {column: Mail, field: customer_email}\n"
    "        - {column: Via, field: channel, transforms: [lowercase]}\n"
    "        - {column: Via, field: kind, transforms: [\"map:Phone=call;Email=email\"]}\n"
    "        - {column: On, field: at, transforms: [\"date:%d/%m/%Y\"]}\n"
    "pipelines:\n"
    "  - id: sales\n"
    "    stages:\n"
    "      - {id: lead, probability: 0.1}\n"
    "      - {id: qualified, probability: 0.3}\n"
    "      - {id: won, probability: 1, won: true}\n"
    "      - {id: lost, probability: 0, lost: true}\n";

class ActivityImportTest : public ImportTest {
  protected:
    ActivityImportTest() : ImportTest(kPipelines) {}

    void SetUp() override {
        run({"import", "customers",
             write("customers.csv",
                   "external_id,name,email\nC1,Sara Ahmadi,sara@example.com\n"
                   "C2,رضا کریمی,reza@example.com\n")
                 .string()});
    }

    CustomerId customer(const std::string& external_id) {
        return *w().customers().find_by_external_id(external_id);
    }

    Output import(const std::string& entity, const std::string& name, const std::string& text,
                  std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"import", entity, write(name, text).string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    }

    static bool has(const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    }
};

// Columns named as the fields need no mapping; Persian text and a quoted comma survive.
constexpr const char* kInteractions =
    "external_id,customer_external_id,customer_email,channel,kind,direction,at,outcome,text\n"
    "I1,C1,,phone,call,inbound,2026-01-02 10:00,answered,\"Asked about the price, twice\"\n"
    ",,REZA@Example.com ,email,email,out,2026-01-03T09:00:00Z,,سلام، سفارش شما ارسال شد\n";

TEST_F(ActivityImportTest, InteractionsFindTheirCustomersAndAReRunChangesNothing) {
    const auto output = import("interactions", "i.csv", kInteractions);
    EXPECT_TRUE(has(output.out,
                    "interactions: created 2, updated 0, merged 0, unchanged 0, "
                    "skipped 0, rejected 0"))
        << output.out << output.err;
    const auto call = w().interactions().find_by_external_id("I1");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->customer_id, customer("C1"));
    EXPECT_EQ(call->text, "Asked about the price, twice");
    const auto mail = w().interactions().list(customer("C2"), 10);
    ASSERT_EQ(mail.size(), 1u) << "found by the normalised email";
    EXPECT_EQ(mail[0].text, "سلام، سفارش شما ارسال شد");
    EXPECT_EQ(mail[0].direction, Direction::outbound);
    EXPECT_EQ(mail[0].external_id, "");

    const auto records = w().event_log().read_after(0, 100, events::InteractionsImported::kType);
    ASSERT_EQ(records.size(), 1u);
    const auto batch = records[0].as<events::InteractionsImported>();
    EXPECT_EQ(batch.created, 2);
    EXPECT_EQ(batch.last_id - batch.first_id + 1, 2);
    EXPECT_TRUE(w().event_log().read_after(0, 100, events::InteractionLogged::kType).empty())
        << "one event per batch, none per row";

    const EventId last = w().event_log().last_id();
    const auto again = import("interactions", "i.csv", kInteractions);
    EXPECT_TRUE(
        has(again.out, "created 0, updated 0, merged 0, unchanged 2, skipped 0, rejected 0"))
        << "the row without an external id is recognised by its natural key: " << again.out;
    EXPECT_EQ(w().event_log().last_id(), last);
    EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 2);
}

TEST_F(ActivityImportTest, InteractionModesChangeOnlyWhatTheySay) {
    import("interactions", "i.csv", kInteractions);
    const std::string reply =
        "customer_email,channel,kind,direction,at,outcome,text\n"
        "reza@example.com,email,email,outbound,2026-01-03T09:00:00Z,replied,سلام، سفارش شما "
        "ارسال شد\n";
    const auto kept = import("interactions", "r.csv", reply);
    EXPECT_TRUE(has(kept.out, "skipped 1")) << kept.out;
    EXPECT_TRUE(has(kept.out, "--mode create-only leaves existing interactions as they are"));
    const auto merged = import("interactions", "r.csv", reply, {"--mode", "merge"});
    EXPECT_TRUE(has(merged.out, "merged 1")) << merged.out << merged.err;
    EXPECT_EQ(w().interactions().list(customer("C2"), 10).at(0).outcome, "replied");

    const std::string changed =
        "external_id,customer_external_id,channel,kind,at,outcome,text\n"
        "I1,C1,phone,call,2026-01-02 10:00,voicemail,\n";
    const auto filled = import("interactions", "c.csv", changed, {"--mode", "merge"});
    EXPECT_TRUE(has(filled.out, "unchanged 1")) << "merge fills only empty fields: " << filled.out;
    const auto updated = import("interactions", "c.csv", changed, {"--mode", "update"});
    EXPECT_TRUE(has(updated.out, "updated 1")) << updated.out;
    const auto call = w().interactions().find_by_external_id("I1");
    EXPECT_EQ(call->outcome, "voicemail");
    EXPECT_EQ(call->text, "Asked about the price, twice") << "an empty cell sets nothing";
    const auto records = w().event_log().read_after(0, 100, events::InteractionsImported::kType);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1].as<events::InteractionsImported>().merged, 1);
    EXPECT_EQ(records[2].as<events::InteractionsImported>().updated, 1);
}

TEST_F(ActivityImportTest, BadInteractionRowsAreRejectedAndTheFixedFileImports) {
    const auto file = write("bad.csv",
                            "Ref,Client,Mail,Channel,Kind,Direction,When\n"
                            "R1,C9,,phone,call,inbound,2026-01-02\n"
                            "R2,C1,,phone,call,sideways,2026-01-02\n"
                            "R3,,nobody@example.com,phone,call,inbound,2026-01-02\n"
                            "R4,C1,,phone,call,inbound,\n"
                            "R5,C1,reza@example.com,phone,call,inbound,2026-01-02\n"
                            "R6,C2,,phone,call,inbound,2026-01-05\n");
    const std::vector<std::string> map{"--map", "Ref=external_id",
                                       "--map", "Client=customer_external_id",
                                       "--map", "Mail=customer_email",
                                       "--map", "Channel=channel",
                                       "--map", "Kind=kind",
                                       "--map", "Direction=direction",
                                       "--map", "When=at"};
    std::vector<std::string> args{"import", "interactions", file.string()};
    args.insert(args.end(), map.begin(), map.end());
    const auto output = run(args);
    EXPECT_TRUE(
        has(output.out, "created 1, updated 0, merged 0, unchanged 0, skipped 0, rejected 5"))
        << output.out << output.err;
    EXPECT_TRUE(has(output.err,
                    "bad.csv:2: column 'Client': there is no customer with external id "
                    "'C9'; import the customers first"))
        << output.err;
    EXPECT_TRUE(has(output.err, "bad.csv:3: column 'Direction': direction 'sideways' is not known"))
        << output.err;
    EXPECT_TRUE(has(output.err,
                    "bad.csv:4: column 'Mail': there is no customer with email "
                    "'nobody@example.com'; import the customers first"))
        << output.err;
    EXPECT_TRUE(has(output.err, "bad.csv:5: the interaction has no time (the field at)"))
        << output.err;
    EXPECT_TRUE(has(output.err,
                    "bad.csv:6: column 'Mail': email 'reza@example.com' belongs to "
                    "customer #2, not to customer #1 with external id 'C1'"))
        << output.err;

    std::string text = read(path("bad.rejects.csv"));
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "Ref,Client,Mail,Channel,Kind,Direction,When,moshtari_reject_reason\r");
    for (const auto& [from, to] :
         std::vector<std::pair<std::string, std::string>>{{"C9", "C1"},
                                                          {"sideways", "outbound"},
                                                          {"nobody@", "sara@"},
                                                          {"inbound,,", "inbound,2026-01-04,"},
                                                          {"R5,C1,", "R5,C2,"}}) {
        text.replace(text.find(from), from.size(), to);
    }
    args[2] = write("fixed.csv", text).string();
    const auto again = run(args);
    EXPECT_TRUE(
        has(again.out, "created 5, updated 0, merged 0, unchanged 0, skipped 0, rejected 0"))
        << again.out << again.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 6);
}

TEST_F(ActivityImportTest, AGzipFileWithANamedMappingFromTheConfiguration) {
    const auto file = path("calls.csv.gz");
    const std::string text =
        "Ref,Mail,Via,On\r\n"
        "R1,sara@example.com,Phone,02/01/2026\r\n"
        "R2,reza@example.com,Email,03/01/2026\r\n";
    gzFile out = gzopen(file.c_str(), "wb");
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
    const auto output = run({"import", "interactions", file.string(), "--mapping", "crm-calls"});
    EXPECT_TRUE(has(output.out, "created 2")) << output.out << output.err;
    const auto mail = w().interactions().find_by_external_id("R2");
    ASSERT_TRUE(mail);
    EXPECT_EQ(mail->channel, "email");
    EXPECT_EQ(mail->kind, "email");
    EXPECT_EQ(mail->customer_id, customer("C2"));
    EXPECT_EQ(format_time(mail->at), "2026-01-03T00:00:00Z");
}

TEST_F(ActivityImportTest, ADryRunWritesNothing) {
    const EventId last = w().event_log().last_id();
    const auto output = import("interactions", "i.csv", kInteractions, {"--dry-run"});
    EXPECT_TRUE(has(output.out, "dry run, nothing written: interactions: created 2")) << output.out;
    const auto deals = import(
        "deals", "d.csv", "external_id,customer_external_id,title,pipeline\nD1,C1,Boxes,sales\n",
        {"--dry-run"});
    EXPECT_TRUE(has(deals.out, "dry run, nothing written: deals: created 1")) << deals.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM deals"), 0);
    EXPECT_EQ(w().event_log().last_id(), last);
    EXPECT_FALSE(std::filesystem::exists(path("i.rejects.csv")));
}

// A European spreadsheet's amounts through the money transform; the deal without an external id is
// found again by its customer, pipeline and title.
constexpr const char* kDeals =
    "Id,Customer,Email,Title,Pipeline,Stage,Value,Currency,Owner,Close,Opened\n"
    "D1,C1,,200 boxes,sales,qualified,\"1.234,50\",EUR,maryam,2026-03-31,2026-01-02 09:00\n"
    "D2,C2,,قرارداد سالانه,sales,,\"12.000.000\",IRR,,,\n"
    ",,sara@example.com,Renewal,sales,lead,99,,,,\n";

const std::vector<std::string> kDealMap{
    "--map", "Id=external_id",       "--map", "Customer=customer_external_id",
    "--map", "Email=customer_email", "--map", "Title=title",
    "--map", "Pipeline=pipeline",    "--map", "Stage=stage",
    "--map", "Value=value|money:,",  "--map", "Currency=currency",
    "--map", "Owner=owner",          "--map", "Close=expected_close",
    "--map", "Opened=created_at"};

TEST_F(ActivityImportTest, DealsLandInTheirPipelinesAndAReRunChangesNothing) {
    const auto output = import("deals", "d.csv", kDeals, kDealMap);
    EXPECT_TRUE(has(output.out,
                    "deals: created 3, updated 0, merged 0, unchanged 0, skipped 0, "
                    "rejected 0"))
        << output.out << output.err;
    const auto boxes = w().deals().find_by_external_id("D1");
    ASSERT_TRUE(boxes);
    EXPECT_EQ(boxes->customer_id, customer("C1"));
    EXPECT_EQ(boxes->stage_id, "qualified");
    EXPECT_EQ(boxes->value, (Money{123450, "EUR"}));
    EXPECT_EQ(boxes->owner, "maryam");
    EXPECT_EQ(format_date(*boxes->expected_close), "2026-03-31");
    EXPECT_EQ(format_time(boxes->created_at), "2026-01-02T09:00:00Z");
    ASSERT_EQ(boxes->history.size(), 1u);
    EXPECT_EQ(boxes->history[0].to_stage, "qualified");
    const auto persian = w().deals().find_by_external_id("D2");
    EXPECT_EQ(persian->title, "قرارداد سالانه");
    EXPECT_EQ(persian->stage_id, "lead") << "no stage: the pipeline's first";
    EXPECT_EQ(persian->value, (Money{12'000'000, "IRR"}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM deals WHERE title = 'Renewal' AND currency = 'EUR' AND "
                    "value_minor = 9900 AND external_id IS NULL"),
              1)
        << "the workspace currency when no column gives one";
    const auto batches = w().event_log().read_after(0, 100, events::DealsImported::kType);
    ASSERT_EQ(batches.size(), 1u);
    EXPECT_EQ(batches[0].as<events::DealsImported>().created, 3);
    EXPECT_TRUE(w().event_log().read_after(0, 100, events::DealCreated::kType).empty());

    const EventId last = w().event_log().last_id();
    const auto again = import("deals", "d.csv", kDeals, kDealMap);
    EXPECT_TRUE(
        has(again.out, "created 0, updated 0, merged 0, unchanged 3, skipped 0, rejected 0"))
        << again.out << again.err;
    EXPECT_EQ(w().event_log().last_id(), last);
}

TEST_F(ActivityImportTest, UnknownPipelinesStagesAndCustomersAreRejectedNamingTheKnownOnes) {
    const auto output = import("deals", "d.csv",
                               "Id,Customer,Email,Title,Pipeline,Stage,Value,Currency,Owner,Close,"
                               "Opened\n"
                               "D1,C1,,Boxes,nope,,1,,,,\n"
                               "D2,C1,,Boxes,sales,maybe,1,,,,\n"
                               "D3,C7,,Boxes,sales,,1,,,,\n"
                               "D4,C1,,Boxes,sales,,1,XXX,,,\n"
                               "D5,C1,,,sales,,1,,,,\n",
                               kDealMap);
    EXPECT_TRUE(
        has(output.out, "created 0, updated 0, merged 0, unchanged 0, skipped 0, rejected 5"))
        << output.out << output.err;
    EXPECT_TRUE(has(output.err,
                    "d.csv:2: column 'Pipeline': there is no pipeline 'nope'; the "
                    "configured ones are: sales"))
        << output.err;
    EXPECT_TRUE(has(output.err,
                    "d.csv:3: column 'Stage': pipeline 'sales' has no stage 'maybe'; "
                    "its stages are: lead, qualified, won, lost"))
        << output.err;
    EXPECT_TRUE(has(output.err,
                    "d.csv:4: column 'Customer': there is no customer with external id "
                    "'C7'; import the customers first"))
        << output.err;
    EXPECT_TRUE(has(output.err, "d.csv:5: column 'Currency':")) << output.err;
    EXPECT_TRUE(has(output.err, "d.csv:6: a deal needs a title")) << output.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM deals"), 0);
}

TEST_F(ActivityImportTest, UpdateMovesTheStageThroughTheDealsHistory) {
    const std::string header = "external_id,customer_external_id,title,pipeline,stage,value\n";
    import("deals", "d.csv", header + "D1,C1,Boxes,sales,lead,10\n");
    const auto kept =
        import("deals", "d.csv", header + "D1,C1,Boxes,sales,won,12\n", {"--mode", "merge"});
    EXPECT_TRUE(has(kept.out, "unchanged 1")) << "merge never moves a deal: " << kept.out;

    const auto moved =
        import("deals", "d.csv", header + "D1,C1,Boxes,sales,won,12\n", {"--mode", "update"});
    EXPECT_TRUE(has(moved.out, "updated 1")) << moved.out << moved.err;
    const Deal deal = *w().deals().find_by_external_id("D1");
    EXPECT_EQ(deal.stage_id, "won");
    EXPECT_EQ(deal.value.minor_units, 1200);
    ASSERT_EQ(deal.history.size(), 2u);
    EXPECT_EQ(deal.history[1].from_stage, "lead");
    EXPECT_EQ(deal.history[1].to_stage, "won");
    EXPECT_EQ(deal.history[1].by, "import");
    const auto batches = w().event_log().read_after(0, 100, events::DealsImported::kType);
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[1].as<events::DealsImported>().updated, 1);

    const auto reopened =
        import("deals", "d.csv", header + "D1,C1,Boxes,sales,lead,12\n", {"--mode", "update"});
    EXPECT_TRUE(has(reopened.err, "d.csv:2: column 'stage': deal #1 is closed (won in 'won')"))
        << reopened.err;
    EXPECT_EQ(w().deals().find_by_external_id("D1")->history.size(), 2u);
}

TEST_F(ActivityImportTest, DealsWithTheSameNaturalKeyAskForAnExternalId) {
    Deal twin;
    twin.customer_id = customer("C1");
    twin.title = "Renewal";
    twin.pipeline_id = "sales";
    twin.value = Money{0, "EUR"};
    w().deals().create(twin);
    w().deals().create(twin);
    const auto output =
        import("deals", "d.csv", "customer_email,title,pipeline\nsara@example.com,Renewal,sales\n");
    EXPECT_TRUE(has(output.err,
                    "d.csv:2: customer #1 has 2 deals titled 'Renewal' in pipeline "
                    "'sales' (#1 and #2 first); give the rows an external_id"))
        << output.err;
}

}  // namespace
}  // namespace moshtari::data_csv
