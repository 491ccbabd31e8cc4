// Likely duplicates on a real store: shared emails and phones however they were written, similar
// names in one city, sensible scores, and no pair for different people.

#include <algorithm>

#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"
#include "unit/store_fixture.hpp"

namespace moshtari {
namespace {

class DuplicatesTest : public StoreTest {
  protected:
    CustomerId add(const std::string& name, std::vector<ContactPoint> contacts = {},
                   const std::string& city = "") {
        Customer c;
        c.name = name;
        c.contacts = std::move(contacts);
        if (!city.empty()) c.attributes = {{"city", city}};
        return ws.customers().create(c);
    }

    static ContactPoint email(const std::string& value) { return {ContactKind::email, value}; }
    static ContactPoint phone(const std::string& value) { return {ContactKind::phone, value}; }

    // The pair of a and b among the duplicates found, or nullptr.
    const DuplicatePair* pair(const std::vector<DuplicatePair>& found, CustomerId a, CustomerId b) {
        const auto it = std::find_if(found.begin(), found.end(),
                                     [&](const DuplicatePair& p) { return p.a == a && p.b == b; });
        return it == found.end() ? nullptr : &*it;
    }
};

TEST_F(DuplicatesTest, FindsSharedEmailsAndPhonesHoweverTheyWereWritten) {
    const auto sara = add("Sara Ahmadi", {email("sara.ahmadi@gmail.com")});
    const auto sara_shop = add("S. Ahmadi", {email("SaraAhmadi+shop@googlemail.com")});
    const auto reza = add("Reza Karimi", {phone("+98 912 123 4567")});
    const auto reza_call = add("R Karimi", {phone("0912-123-4567")});

    const auto found = ws.merges().duplicates(100);
    ASSERT_EQ(found.size(), 2u);
    const auto* by_email = pair(found, sara, sara_shop);
    ASSERT_NE(by_email, nullptr);
    EXPECT_EQ(by_email->reasons, std::vector<std::string>{"same email"});
    const auto* by_phone = pair(found, reza, reza_call);
    ASSERT_NE(by_phone, nullptr);
    EXPECT_EQ(by_phone->reasons, std::vector<std::string>{"same phone"});
    EXPECT_GT(by_email->score, by_phone->score);
    EXPECT_EQ(found[0].a, sara) << "best first";
}

TEST_F(DuplicatesTest, FindsSimilarNamesInTheSameCityOnly) {
    const auto zahra = add("Zahra Hosseini", {}, "Shiraz");
    const auto zara = add("hosseini, Zara", {}, "shiraz");
    add("Zahra Hosseini", {}, "Tabriz");
    add("Maryam Hosseini", {}, "Shiraz");

    const auto found = ws.merges().duplicates(100);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].a, zahra);
    EXPECT_EQ(found[0].b, zara);
    EXPECT_EQ(found[0].reasons, std::vector<std::string>{"similar name in Shiraz"});
    EXPECT_GT(found[0].score, 0.6);
    EXPECT_LT(found[0].score, 0.8) << "a name alone is weaker evidence than an email";
}

TEST_F(DuplicatesTest, SeveralRulesAddUpAndDifferentPeopleAreNotPaired) {
    const auto ali =
        add("Ali Rezaei", {email("ali@example.com"), phone("+98 21 8888 1234")}, "Qom");
    const auto ali_again =
        add("Ali Rezayi", {email("ali+news@example.com"), phone("021 8888 1234")}, "Qom");
    add("Alireza Rezaei", {email("alireza@example.com"), phone("+98 21 8888 9999")}, "Qom");
    add("Ali Rezaei", {email("ali@another.example")}, "Karaj");
    Customer acme;
    acme.kind = CustomerKind::company;
    acme.name = "Ali Rezaei Trading";
    acme.contacts = {email("ali.rezaei@example.org")};
    ws.customers().create(acme);

    const auto found = ws.merges().duplicates(100);
    ASSERT_EQ(found.size(), 1u) << found.size();
    EXPECT_EQ(found[0].a, ali);
    EXPECT_EQ(found[0].b, ali_again);
    EXPECT_EQ(found[0].reasons,
              (std::vector<std::string>{"same email", "same phone", "similar name in Qom"}));
    EXPECT_GT(found[0].score, 0.99);
    EXPECT_LE(found[0].score, 1.0);
    EXPECT_EQ(ws.merges().duplicates(0).size(), 0u);
}

}  // namespace
}  // namespace moshtari
