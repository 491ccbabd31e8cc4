// The real import and export commands on a real workspace: matching, modes, rejects, dry runs,
// re-runs, batch events and guest orders.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "import_fixture.hpp"
#include "moshtari/bulk_reader.hpp"
#include "moshtari/config_error.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/events.hpp"
#include "moshtari/order_store.hpp"

namespace moshtari::data_csv {
namespace {

using testing::ImportTest;
using testing::Output;

class CustomerImportTest : public ImportTest {
  protected:
    std::filesystem::path people() {
        return write("people.csv",
                     "Id,Full Name,E-mail,Phone,City\n"
                     "A1,  Sara   Ahmadi ,Sara@Example.com,020 7946 0018,Tehran\n"
                     "A2,Reza Karimi,reza@example.com,,Shiraz\n"
                     "A3,سارا رضایی,,+98 912 345 6789,تبریز\n");
    }
    std::vector<std::string> map_people() {
        return {"--map", "Id=external_id", "--map", "Full Name=name",
                "--map", "E-mail=email",   "--map", "Phone=phone"};
    }
    Output import(const std::filesystem::path& file, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"import", "customers", file.string()};
        for (const auto& a : map_people()) args.push_back(a);
        for (const auto& a : extra) args.push_back(a);
        return run(args);
    }
};

TEST_F(CustomerImportTest, CreatesNormalisedCustomers) {
    const auto output = import(people(), {"--extra-as-attributes"});
    EXPECT_NE(output.out.find("created 3, updated 0, merged 0, unchanged 0, skipped 0, rejected 0"),
              std::string::npos)
        << output.out;
    const auto sara = w().customers().find_by_external_id("A1");
    ASSERT_TRUE(sara);
    const Customer c = w().customers().get(*sara);
    EXPECT_EQ(c.name, "Sara Ahmadi");
    ASSERT_EQ(c.contacts.size(), 2u);
    EXPECT_EQ(c.contacts[0].value, "sara@example.com");
    EXPECT_EQ(c.contacts[1].value, "+442079460018");
    EXPECT_EQ(std::get<std::string>(c.attributes.at("City")), "Tehran");
    const Customer persian = w().customers().get(*w().customers().find_by_external_id("A3"));
    EXPECT_EQ(persian.name, "سارا رضایی");
    EXPECT_EQ(std::get<std::string>(persian.attributes.at("City")), "تبریز");
}

TEST_F(CustomerImportTest, ReRunningChangesNothingAndReportsEveryRowUnchanged) {
    import(people());
    const EventId last = w().event_log().last_id();
    const auto output = import(people());
    EXPECT_NE(output.out.find("created 0, updated 0, merged 0, unchanged 3, skipped 0, rejected 0"),
              std::string::npos)
        << output.out;
    EXPECT_EQ(w().event_log().last_id(), last) << "nothing changed, so no batch event either";
    EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 3);
}

TEST_F(CustomerImportTest, MatchesByNormalisedEmailAndPhoneAndMergesOrUpdates) {
    import(people());
    const auto second = write("second.csv",
                              "Id,Full Name,E-mail,Phone,City\n"
                              ",Sara A.,  SARA@example.com ,,\n"
                              ",Someone Else,,+44 20 7946 0018,\n"
                              ",Reza K.,reza@example.com,+44 7911 123456,\n");
    const auto merged = import(second, {"--mode", "merge"});
    EXPECT_NE(merged.out.find("created 0, updated 0, merged 1, unchanged 2"), std::string::npos)
        << merged.out;
    const Customer reza = w().customers().get(*w().customers().find_by_external_id("A2"));
    EXPECT_EQ(reza.name, "Reza Karimi") << "merge only fills empty fields";
    EXPECT_EQ(reza.contacts.size(), 2u) << "merge adds contact points";

    const auto updated = import(second, {"--mode", "update", "--match", "email"});
    EXPECT_NE(
        updated.out.find("created 0, updated 2, merged 0, unchanged 0, skipped 0, rejected 1"),
        std::string::npos)
        << updated.out;
    EXPECT_NE(updated.err.find("phone '+442079460018' already belongs to customer #1"),
              std::string::npos)
        << "matching by phone is off, so the row is a new customer with Sara's phone: "
        << updated.err;
    EXPECT_EQ(w().customers().get(*w().customers().find_by_external_id("A1")).name, "Sara A.");
}

TEST_F(CustomerImportTest, RowsWithoutAnyKeyAreSkippedWithAReason) {
    const auto file = write("p.csv", "Id,Full Name,E-mail,Phone\n,Nobody,,\nA9,Somebody,,\n");
    const auto output = import(file);
    EXPECT_NE(output.out.find("created 1, updated 0, merged 0, unchanged 0, skipped 1, rejected 0"),
              std::string::npos)
        << output.out;
    EXPECT_NE(output.out.find("skipped 1: nothing identifies the customer"), std::string::npos);
}

TEST_F(CustomerImportTest, BadRowsGoToARejectFileThatCanBeFixedAndImportedAgain) {
    const auto file = write("p.csv",
                            "Id,Full Name,E-mail,Phone\n"
                            "B1,Good One,good@example.com,\n"
                            "B2,\"Bad, Email\",not-an-email,\n"
                            "B3,Bad Phone,,12\n"
                            "B4,Good Two,two@example.com,\n");
    const auto rejects = path("rejects.csv");
    const auto output = import(file, {"--reject-file", rejects.string()});
    EXPECT_NE(output.out.find("created 2, updated 0, merged 0, unchanged 0, skipped 0, rejected 2"),
              std::string::npos)
        << output.out;
    EXPECT_NE(output.err.find("p.csv:3: column 'E-mail': 'not-an-email' is not an email address"),
              std::string::npos)
        << output.err;
    EXPECT_NE(output.err.find("p.csv:4: column 'Phone'"), std::string::npos) << output.err;

    std::string text = read(rejects);
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "Id,Full Name,E-mail,Phone,moshtari_reject_reason\r");
    EXPECT_NE(text.find("B2,\"Bad, Email\",not-an-email,,line 3: column 'E-mail':"),
              std::string::npos)
        << text;
    // The user fixes both rows in the reject file and imports it as it is.
    text.replace(text.find("not-an-email"), 12, "bad@example.com");
    text.replace(text.find(",12,"), 4, ",020 7946 0019,");
    write("fixed.csv", text);
    const auto again = import(path("fixed.csv"), {"--reject-file", path("r2.csv").string()});
    EXPECT_NE(again.out.find("created 2, updated 0, merged 0, unchanged 0, skipped 0, rejected 0"),
              std::string::npos)
        << again.out << again.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 4);
    EXPECT_EQ(count("SELECT COUNT(*) FROM customer_attributes"), 0)
        << "the reason column is never an attribute";
}

TEST_F(CustomerImportTest, AKeyOwnedByAnotherCustomerIsRejectedNotStolen) {
    import(people());
    const auto file = write("p.csv", "Id,Full Name,E-mail,Phone\nA2,Reza,sara@example.com,\n");
    const auto output = import(file, {"--mode", "update"});
    EXPECT_NE(output.err.find("email 'sara@example.com' already belongs to customer #1, not to "
                              "customer #2"),
              std::string::npos)
        << output.err;
}

TEST_F(CustomerImportTest, DryRunWritesNothing) {
    const EventId last = w().event_log().last_id();
    const auto output = import(people(), {"--dry-run"});
    EXPECT_NE(output.out.find("dry run, nothing written: customers: created 3"), std::string::npos)
        << output.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);
    EXPECT_EQ(w().event_log().last_id(), last);
}

TEST_F(CustomerImportTest, EachCommittedBatchEmitsOneEvent) {
    std::string text = "Id,Full Name,E-mail,Phone\n";
    for (int i = 1; i <= 5; ++i) text += fmt::format("C{},Person {},,\n", i, i);
    import(write("p.csv", text), {"--batch-size", "2"});
    const auto records = w().event_log().read_after(0, 100);
    ASSERT_EQ(records.size(), 3u) << "batches of 2, 2 and 1 rows";
    std::int64_t created = 0;
    for (const auto& record : records) {
        ASSERT_EQ(record.type, events::CustomersImported::kType);
        const auto e = record.as<events::CustomersImported>();
        created += e.created;
        EXPECT_EQ(e.last_id - e.first_id + 1, e.created);
    }
    EXPECT_EQ(created, 5);
}

TEST_F(CustomerImportTest, MappingFileAndExportRoundTrip) {
    write("mapping.yaml",
          "mode: merge\n"
          "columns:\n"
          "  - {column: Id, field: external_id}\n"
          "  - {column: Full Name, field: name, transforms: [collapse]}\n"
          "  - {column: E-mail, field: email}\n"
          "  - {column: City, field: attributes.city}\n");
    const auto output =
        run({"import", "customers", people().string(), "--mapping", path("mapping.yaml").string()});
    EXPECT_NE(output.out.find("created 3"), std::string::npos) << output.out;
    run({"export", "customers", "--output", path("out.csv").string()});
    const std::string exported = read(path("out.csv"));
    EXPECT_EQ(exported.substr(0, exported.find('\r')),
              "id,external_id,name,given_name,family_name,kind,email,phone,language,time_zone,"
              "birthday,tags");
    EXPECT_NE(exported.find("1,A1,Sara Ahmadi,,,person,sara@example.com,"), std::string::npos)
        << exported;
    // What export writes, import reads without a mapping, and finds nothing to change.
    const auto again = run({"import", "customers", path("out.csv").string()});
    EXPECT_NE(again.out.find("unchanged 3"), std::string::npos) << again.out;

    run({"export", "customers", "--format", "jsonl", "--output", path("out.jsonl").string(),
         "--map", "Id=external_id", "--map", "City=attributes.city"});
    const std::string jsonl = read(path("out.jsonl"));
    EXPECT_EQ(jsonl.substr(0, jsonl.find('\n')), R"({"City":"Tehran","Id":"A1"})");
}

TEST_F(CustomerImportTest, AMappingFileErrorNamesItsLine) {
    write("mapping.yaml", "columns:\n  - {column: Id, field: identifier}\n");
    try {
        run({"import", "customers", people().string(), "--mapping", path("mapping.yaml").string()});
        FAIL() << "expected an error";
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("mapping.yaml:2:"), std::string::npos)
            << error.what();
    }
}

class OrderImportTest : public ImportTest {
  protected:
    Output import_orders(const std::string& text, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"import",
                                      "orders",
                                      write("orders.csv", text).string(),
                                      "--map",
                                      "No=external_id",
                                      "--map",
                                      "Customer=customer_external_id|integer",
                                      "--map",
                                      "When=at",
                                      "--map",
                                      "Sku=sku",
                                      "--map",
                                      "Qty=quantity",
                                      "--map",
                                      "Price=unit_price",
                                      "--currency",
                                      "GBP"};
        for (const auto& a : extra) args.push_back(a);
        return run(args);
    }
    static constexpr const char* kOrders =
        "No,Customer,When,Sku,Qty,Price\n"
        "1001,7.0,2011-01-02 10:00:00,A,2,1.50\n"
        "1001,7.0,2011-01-02 10:00:00,B,1,0.001\n"
        "1002,,2011-01-03 11:00:00,A,1,1.50\n"
        "C1003,7.0,2011-01-04 12:00:00,A,-2,1.50\n"
        "1001,7.0,2011-01-02 10:00:00,C,3,2\n";

    void SetUp() override {
        run({"import", "customers", write("c.csv", "Id\n7\n").string(), "--map", "Id=external_id"});
    }
};

TEST_F(OrderImportTest, GroupsLinesKeepsGuestOrdersAndMarksCancellations) {
    const auto output = import_orders(kOrders, {"--map", "No=cancelled|starts-with:C"});
    EXPECT_NE(output.out.find("orders: created 3, updated 0, merged 0, unchanged 0, skipped 0, "
                              "rejected 0"),
              std::string::npos)
        << output.out << output.err;
    const auto first = w().orders().find_by_external_id("1001");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->lines.size(), 3u) << "lines of one order spread over the file are grouped";
    EXPECT_EQ(first->total, (Money{300 + 0 + 600, "GBP"}));
    EXPECT_EQ(first->customer_id, w().customers().find_by_external_id("7"));
    const auto guest = w().orders().find_by_external_id("1002");
    ASSERT_TRUE(guest);
    EXPECT_FALSE(guest->customer_id) << "an order without a customer is a guest order";
    EXPECT_TRUE(w().orders().find_by_external_id("C1003")->cancelled);

    const auto again = import_orders(kOrders, {"--map", "No=cancelled|starts-with:C"});
    EXPECT_NE(again.out.find("created 0, updated 0, merged 0, unchanged 3"), std::string::npos)
        << "an order whose lines are spread over the file counts once";
    EXPECT_NE(again.out.find("unchanged 3"), std::string::npos) << again.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM order_lines"), 5);
}

// A batch is written customer by customer (guests first), each customer's orders in file order:
// the ids follow the customers, the external ids keep the file's numbers.
TEST_F(OrderImportTest, ABatchIsWrittenCustomerByCustomer) {
    run({"import", "customers", write("more.csv", "Id\n8\n5\n").string(), "--map",
         "Id=external_id"});
    import_orders(
        "No,Customer,When,Sku,Qty,Price\n2001,8,2011-01-02,A,1,1\n2002,7,2011-01-03,A,1,1\n"
        "2003,,2011-01-04,A,1,1\n2004,8,2011-01-01,A,1,1\n2005,5,2011-01-05,A,1,1\n");
    std::vector<OrderId> ids;
    for (const char* number : {"2003", "2002", "2001", "2004", "2005"})
        ids.push_back(w().orders().find_by_external_id(number)->id);
    EXPECT_EQ(ids, (std::vector<OrderId>{1, 2, 3, 4, 5}));
    const auto records = w().event_log().read_after(0, 10, events::OrdersImported::kType);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].as<events::OrdersImported>().first_id, 1);
    EXPECT_EQ(records[0].as<events::OrdersImported>().last_id, 5);
}

// The sort must not change which lines make an order: later lines without a customer join the
// order their first lines created, which keeps its customer.
TEST_F(OrderImportTest, LinesSpreadOverABatchJoinTheirOrderWhateverTheSort) {
    run({"import", "customers", write("more.csv", "Id\n8\n").string(), "--map", "Id=external_id"});
    const auto output = import_orders(
        "No,Customer,When,Sku,Qty,Price\n3001,8,2011-01-02,A,1,1.50\n3002,7,2011-01-02,A,1,1\n"
        "3001,,2011-01-02,B,2,1\n");
    EXPECT_NE(output.out.find("created 2, updated 0, merged 0, unchanged 0, skipped 0, rejected 0"),
              std::string::npos)
        << output.out << output.err;
    const auto order = w().orders().find_by_external_id("3001");
    ASSERT_TRUE(order);
    EXPECT_EQ(order->customer_id, w().customers().find_by_external_id("8"));
    ASSERT_EQ(order->lines.size(), 2u);
    EXPECT_EQ(order->lines[0].sku, "A");
    EXPECT_EQ(order->lines[1].sku, "B");
    EXPECT_EQ(order->total, (Money{150 + 200, "GBP"}));
}

TEST_F(OrderImportTest, AnUnknownCustomerRejectsEveryLineOfTheOrder) {
    const auto output = import_orders(
        "No,Customer,When,Sku,Qty,Price\n9,8,2011-01-02,A,1,1\n9,8,2011-01-02,B,1,1\n");
    EXPECT_NE(output.out.find("rejected 2"), std::string::npos) << output.out;
    EXPECT_NE(output.err.find("orders.csv:2: column 'Customer': there is no customer with external "
                              "id '8'"),
              std::string::npos)
        << output.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 0);
}

// An update that cancels an order announces it as `orders cancel` does, once; no import revives it.
TEST_F(OrderImportTest, AnUpdateThatCancelsAnOrderAnnouncesItOnceAndNeverRevivesIt) {
    const auto order = [&](const std::string& status) {
        return run(
            {"import", "orders",
             write("o.csv", "Id,Customer,At,Total,Status\n5001,7,2026-01-02,9.50," + status + "\n")
                 .string(),
             "--mode", "update", "--currency", "EUR", "--map", "Id=external_id", "--map",
             "Customer=customer_external_id", "--map", "At=at", "--map", "Total=total", "--map",
             "Status=cancelled|starts-with:cancel"});
    };
    order("paid");
    EXPECT_TRUE(w().event_log().read_after(0, 100, events::OrderCancelled::kType).empty());
    order("cancelled");
    order("cancelled");
    const auto cancelled = w().event_log().read_after(0, 100, events::OrderCancelled::kType);
    ASSERT_EQ(cancelled.size(), 1u);
    EXPECT_EQ(cancelled[0].as<events::OrderCancelled>().order_id,
              count("SELECT id FROM orders WHERE external_id = '5001'"));
    order("paid");
    EXPECT_EQ(count("SELECT cancelled FROM orders WHERE external_id = '5001'"), 1);
}

// A column no field reads is named, so a misnamed customer column does not pass unnoticed while
// every order quietly becomes a guest order.
TEST_F(OrderImportTest, ColumnsThatFeedNoFieldAreNamed) {
    write("orders.csv",
          "external_id,customer_email,at,total\nK-1,ana@example.com,2026-01-02,9.50\n");
    const auto output = run({"import", "orders", path("orders.csv").string(), "--currency", "EUR"});
    EXPECT_NE(output.err.find("note: not imported, no field reads them: customer_email; map them "
                              "with --map 'COLUMN=field' (fields of orders: external_id, "
                              "customer_external_id"),
              std::string::npos)
        << output.err;
}

TEST_F(OrderImportTest, MissingLinesAreAddedToAStoredOrder) {
    import_orders("No,Customer,When,Sku,Qty,Price\n1001,7,2011-01-02,A,2,1.50\n");
    const auto output = import_orders(
        "No,Customer,When,Sku,Qty,Price\n1001,7,2011-01-02,A,2,1.50\n1001,7,2011-01-02,B,1,1\n");
    EXPECT_NE(output.out.find("merged 1"), std::string::npos) << output.out;
    EXPECT_EQ(w().orders().find_by_external_id("1001")->lines.size(), 2u);
    const auto records = w().event_log().read_after(0, 100, events::OrdersImported::kType);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].as<events::OrdersImported>().updated, 1);
}

TEST_F(OrderImportTest, ExportWritesOneRowPerLine) {
    import_orders(kOrders);
    run({"export", "orders", "--output", path("orders-out.csv").string()});
    const std::string text = read(path("orders-out.csv"));
    EXPECT_NE(text.find(",1001,7,2011-01-02T10:00:00Z,9.00,GBP,false,A,,2,1.50"), std::string::npos)
        << text;
    EXPECT_NE(text.find(",1002,,2011-01-03T11:00:00Z"), std::string::npos) << text;
}

TEST_F(OrderImportTest, LinesKeepTheirProductCategoryBothWays) {
    import_orders(
        "No,Customer,When,Sku,Qty,Price,Group\n1001,7.0,2011-01-02,A,2,1.50,coffee\n"
        "1001,7.0,2011-01-02,B,1,3.00,\n",
        {"--map", "Group=category"});
    const auto order = w().orders().find_by_external_id("1001");
    ASSERT_TRUE(order);
    ASSERT_EQ(order->lines.size(), 2u);
    EXPECT_EQ(order->lines[0].category, "coffee");
    EXPECT_EQ(order->lines[1].category, "");
    run({"export", "orders", "--output", path("orders-out.csv").string()});
    const std::string text = read(path("orders-out.csv"));
    EXPECT_NE(text.find(",unit_price,category\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find(",A,,2,1.50,coffee\r\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace moshtari::data_csv
