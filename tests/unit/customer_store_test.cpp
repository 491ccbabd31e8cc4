#include "moshtari/customer_store.hpp"

#include "moshtari/error.hpp"
#include "moshtari/events.hpp"
#include "store_fixture.hpp"

namespace moshtari {
namespace {

using CustomerStoreTest = StoreTest;

Customer sara() {
    Customer c;
    c.given_name = "  سارا ";
    c.family_name = "احمدی";
    c.contacts = {{ContactKind::email, " Sara.Ahmadi@Example.COM ", "work", true},
                  {ContactKind::phone, "+98 (912) 123-4567", "mobile", false}};
    c.tags = {"vip", "newsletter", "vip"};
    c.attributes = {{"loyalty_card", std::string("00123")},
                    {"visits", std::int64_t{7}},
                    {"score", 4.5},
                    {"wholesale", false}};
    c.language = "fa-IR";
    c.time_zone = "Asia/Tehran";
    c.birthday = parse_date("1990-03-21");
    return c;
}

TEST_F(CustomerStoreTest, CreateNormalisesAndRoundTripsEveryField) {
    const CustomerId id = ws.customers().create(sara());
    const Customer c = ws.customers().get(id);
    EXPECT_EQ(c.name, "سارا احمدی");
    EXPECT_EQ(c.contacts.at(0).value, "sara.ahmadi@example.com");
    EXPECT_EQ(c.contacts.at(1).value, "+989121234567");
    EXPECT_EQ(c.tags, (std::vector<std::string>{"newsletter", "vip"}));
    // A text attribute that looks like a number stays text, with its leading zeros.
    EXPECT_EQ(std::get<std::string>(c.attributes.at("loyalty_card")), "00123");
    EXPECT_EQ(std::get<std::int64_t>(c.attributes.at("visits")), 7);
    EXPECT_DOUBLE_EQ(std::get<double>(c.attributes.at("score")), 4.5);
    EXPECT_FALSE(std::get<bool>(c.attributes.at("wholesale")));
    EXPECT_EQ(format_date(*c.birthday), "1990-03-21");
    EXPECT_EQ(event_types(), (std::vector<std::string>{"CustomerCreated"}));
    EXPECT_EQ(ws.customers().find_by_contact(ContactKind::email, "SARA.AHMADI@example.com"), id);
}

TEST_F(CustomerStoreTest, DuplicateContactIsRefusedAndNothingIsWritten) {
    const CustomerId first = ws.customers().create(sara());
    Customer twin;
    twin.name = "Someone Else";
    twin.contacts = {{ContactKind::email, "sara.ahmadi@example.com", "", false}};
    try {
        ws.customers().create(twin);
        FAIL() << "a second customer took an email that is already used";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("#" + std::to_string(first)), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(ws.customers().count(), 1u);
    EXPECT_EQ(rows("events"), 1);
}

TEST_F(CustomerStoreTest, MalformedInputIsRefusedWithTheValue) {
    Customer bad;
    bad.name = "X";
    bad.contacts = {{ContactKind::email, "not-an-email", "", false}};
    EXPECT_THROW(ws.customers().create(bad), UserError);
    bad.contacts = {{ContactKind::phone, "12ab", "", false}};
    EXPECT_THROW(ws.customers().create(bad), UserError);
    EXPECT_THROW(ws.customers().create(Customer{}), UserError);
    EXPECT_EQ(rows("customers"), 0);
    EXPECT_EQ(rows("events"), 0);
}

TEST_F(CustomerStoreTest, UpdateRecordsWhichFieldsChangedAndSkipsNoOps) {
    const CustomerId id = ws.customers().create(sara());
    Customer c = ws.customers().get(id);
    ws.customers().update(c);
    EXPECT_EQ(rows("events"), 1) << "an update that changes nothing must not emit an event";
    c.language = "en-GB";
    c.tags.push_back("wholesale");
    ws.customers().update(c);
    const auto last = ws.event_log().read_after(1, 10).at(0).as<events::CustomerUpdated>();
    EXPECT_EQ(last.fields, (std::vector<std::string>{"language", "tags"}));
    EXPECT_EQ(ws.customers().get(id).language, "en-GB");
}

TEST_F(CustomerStoreTest, ConsentHistoryKeepsEveryChangeAndTheLatestWins) {
    const CustomerId id = ws.customers().create(sara());
    ws.customers().record_consent(id, {"email", true, *parse_time("2026-01-01"), "web form"});
    ws.customers().record_consent(id,
                                  {"email", false, *parse_time("2026-03-01"), "unsubscribe link"});
    ws.customers().record_consent(id, {"sms", true, *parse_time("2026-02-01"), "shop counter"});
    const Customer c = ws.customers().get(id);
    EXPECT_EQ(c.consents.size(), 3u);
    EXPECT_FALSE(c.has_consent("email"));
    EXPECT_TRUE(c.has_consent("sms"));
    EXPECT_FALSE(c.has_consent("phone"));
}

TEST_F(CustomerStoreTest, PeopleBelongToCompaniesOnly) {
    Customer acme;
    acme.kind = CustomerKind::company;
    acme.name = "Acme GmbH";
    const CustomerId company = ws.customers().create(acme);
    Customer person = sara();
    person.memberships = {{company, "buyer"}};
    const CustomerId id = ws.customers().create(person);
    EXPECT_EQ(ws.customers().get(id).memberships.at(0).role, "buyer");

    Customer other;
    other.name = "Reza";
    other.memberships = {{id, "friend"}};  // a person, not a company
    EXPECT_THROW(ws.customers().create(other), UserError);
}

TEST_F(CustomerStoreTest, ListFiltersByTextTagAndStage) {
    ws.customers().create(sara());
    Customer john;
    john.name = "John Smith";
    john.contacts = {{ContactKind::email, "john@example.org", "", true}};
    const CustomerId john_id = ws.customers().create(john);
    ws.customers().add_tags(john_id, {"wholesale"});
    EXPECT_EQ(ws.customers().list({.text = "smith"}).size(), 1u);
    EXPECT_EQ(ws.customers().list({.text = "example.org"}).at(0).id, john_id);
    EXPECT_EQ(ws.customers().list({.tag = "vip"}).size(), 1u);
    EXPECT_EQ(ws.customers().list({.tag = "wholesale"}).at(0).id, john_id);
    ws.customers().remove_tags(john_id, {"wholesale"});
    EXPECT_TRUE(ws.customers().list({.tag = "wholesale"}).empty());
    EXPECT_THROW(ws.customers().get(999), NotFound);
}

TEST_F(CustomerStoreTest, SearchTakesWildcardsLiterallyAndFindsPhonesAsTyped) {
    const CustomerId sara_id = ws.customers().create(sara());
    Customer percent;
    percent.name = "Ali 5x0";
    ws.customers().create(percent);
    EXPECT_TRUE(ws.customers().list({.text = "_"}).empty());
    EXPECT_TRUE(ws.customers().list({.text = "5%0"}).empty());
    const auto by_phone = ws.customers().list({.text = "(912) 123-45"});
    ASSERT_EQ(by_phone.size(), 1u);
    EXPECT_EQ(by_phone[0].id, sara_id);
}

}  // namespace
}  // namespace moshtari
