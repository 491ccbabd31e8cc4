#include "moshtari/bulk_writer.hpp"

#include "moshtari/error.hpp"
#include "moshtari/transaction.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

using BulkWriterTest = StoreTest;

Customer person(const std::string& external_id, const std::string& email,
                const std::string& phone) {
    Customer c;
    c.name = "Person " + external_id;
    c.external_id = external_id;
    c.contacts = {{ContactKind::email, email, "", true}, {ContactKind::phone, phone, "", true}};
    c.tags = {"imported"};
    c.attributes = {{"source", std::string("shop")}};
    return c;
}

Order order(const std::string& external_id, std::vector<OrderLine> lines) {
    Order o;
    o.external_id = external_id;
    o.at = Timestamp{std::chrono::seconds{1'700'000'000}};
    o.total = Money{1000, "EUR"};
    o.lines = std::move(lines);
    return o;
}

// The writer keeps no savepoint per record: a record refused after its main row was written must
// still leave nothing behind, and the batch around it must go on.
TEST_F(BulkWriterTest, ACustomerRefusedHalfWayLeavesNothingAndTheBatchGoesOn) {
    Transaction batch(ws.database());
    const auto writer = make_bulk_writer(ws.database(), 2);
    const CustomerId first = writer->add_customer(person("a", "a@example.com", "+447700900001"));
    // A fresh email, then a phone the first customer has: the customer row, its email and
    // nothing else are written before the store refuses the phone.
    EXPECT_THROW(writer->add_customer(person("b", "b@example.com", "+447700900001")), UserError);
    const CustomerId third = writer->add_customer(person("c", "c@example.com", "+447700900003"));
    batch.commit();

    EXPECT_EQ(rows("customers"), 2);
    EXPECT_EQ(rows("customer_contacts"), 4);
    EXPECT_EQ(rows("customer_tags"), 2);
    EXPECT_EQ(rows("customer_attributes"), 2);
    EXPECT_EQ(ws.database()
                  .sql()
                  .execAndGet("SELECT COUNT(*) FROM customers WHERE external_id = 'b'")
                  .getInt64(),
              0);
    EXPECT_EQ(ws.database()
                  .sql()
                  .execAndGet("SELECT COUNT(*) FROM customer_contacts WHERE value = "
                              "'b@example.com'")
                  .getInt64(),
              0);
    EXPECT_EQ(third, first + 2) << "ids are never reused, not even a refused row's";
}

TEST_F(BulkWriterTest, AnOrderRefusedHalfWayLeavesNeitherItsRowNorItsFirstLines) {
    const auto writer = make_bulk_writer(ws.database(), 2);
    // Nothing the store checks refuses a second line once the first is written, so a trigger
    // plays the part of a statement failing in the middle of a record.
    ws.database().sql().exec(
        "CREATE TEMP TRIGGER refuse_line BEFORE INSERT ON order_lines WHEN NEW.sku = 'refused' "
        "BEGIN SELECT RAISE(ABORT, 'refused line'); END");
    Transaction batch(ws.database());
    EXPECT_TRUE(writer->add_order(order("o-1", {{"ok", "", 1, 500}})));
    EXPECT_THROW(writer->add_order(order("o-2", {{"ok", "", 1, 500}, {"refused", "", 1, 500}})),
                 UserError);
    EXPECT_TRUE(writer->add_order(order("o-3", {{"ok", "", 2, 500}})));
    batch.commit();

    EXPECT_EQ(rows("orders"), 2);
    EXPECT_EQ(rows("order_lines"), 2);
    EXPECT_EQ(ws.database()
                  .sql()
                  .execAndGet("SELECT COUNT(*) FROM orders WHERE external_id = 'o-2'")
                  .getInt64(),
              0);
}

TEST_F(BulkWriterTest, AddOrderWritesNothingForAnExternalIdAlreadyStored) {
    Transaction batch(ws.database());
    const auto writer = make_bulk_writer(ws.database(), 2);
    const auto first = writer->add_order(order("o-1", {{"a", "", 1, 1000}}));
    ASSERT_TRUE(first);
    EXPECT_FALSE(writer->add_order(order("o-1", {{"b", "", 3, 700}})));
    batch.commit();

    EXPECT_EQ(rows("orders"), 1);
    EXPECT_EQ(
        ws.database().sql().execAndGet("SELECT group_concat(sku) FROM order_lines").getString(),
        "a");
}

}  // namespace
}  // namespace moshtari
