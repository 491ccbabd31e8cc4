#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class CustomersCommand : public CliTest {
  protected:
    CustomersCommand() { init(); }
};

TEST_F(CustomersCommand, AddsListsAndShowsACustomerWithEverything) {
    EXPECT_EQ(ok({"customers", "add", "--name", "Acme GmbH", "--kind", "company"}), "1");
    EXPECT_EQ(ok({"customers",   "add",
                  "--given",     "Ada",
                  "--family",    "Lovelace",
                  "--email",     "Ada@Example.com",
                  "--email",     "ada@work.example",
                  "--phone",     "+44 20 1234 5678",
                  "--tag",       "vip",
                  "--attr",      "plan=gold",
                  "--attr",      "seats:integer=12",
                  "--language",  "en-GB",
                  "--time-zone", "Europe/London",
                  "--birthday",  "1815-12-10",
                  "--company",   "1",
                  "--role",      "CTO",
                  "--consent",   "email"}),
              "2");

    const auto list = json({"customers", "list"});
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[1]["id"], 2);
    EXPECT_EQ(list[1]["name"], "Ada Lovelace");
    EXPECT_EQ(list[1]["email"], "ada@example.com");
    EXPECT_EQ(list[1]["tags"], "vip");
    EXPECT_EQ(list[0]["kind"], "company");

    const auto text = ok({"customers", "list"});
    EXPECT_NE(text.find("Ada Lovelace"), std::string::npos);
    EXPECT_NE(text.find("Acme GmbH"), std::string::npos);

    const auto ada = json({"customers", "show", "2"});
    EXPECT_EQ(ada["given_name"], "Ada");
    EXPECT_EQ(ada["birthday"], "1815-12-10");
    EXPECT_EQ(ada["time_zone"], "Europe/London");
    ASSERT_EQ(ada["contacts"].size(), 3u);
    EXPECT_EQ(ada["contacts"][0]["primary"], true);
    EXPECT_EQ(ada["contacts"][1]["primary"], false);
    ASSERT_EQ(ada["attributes"].size(), 2u);
    EXPECT_EQ(ada["attributes"][1]["name"], "seats");
    EXPECT_EQ(ada["attributes"][1]["value"], 12);
    ASSERT_EQ(ada["memberships"].size(), 1u);
    EXPECT_EQ(ada["memberships"][0]["name"], "Acme GmbH");
    EXPECT_EQ(ada["memberships"][0]["role"], "CTO");
    ASSERT_EQ(ada["consents"].size(), 1u);
    EXPECT_EQ(ada["consents"][0]["source"], "cli");
}

TEST_F(CustomersCommand, FindsTagsAndRecordsConsent) {
    ok({"customers", "add", "--name", "Ada Lovelace", "--email", "ada@example.com"});
    ok({"customers", "add", "--name", "Charles Babbage"});
    const auto found = json({"customers", "find", "EXAMPLE.com"});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["name"], "Ada Lovelace");

    ok({"customers", "tag", "2", "engine", "vip"});
    ok({"customers", "tag", "2", "vip", "--remove"});
    const auto tagged = json({"customers", "list", "--tag", "engine"});
    ASSERT_EQ(tagged.size(), 1u);
    EXPECT_EQ(tagged[0]["tags"], "engine");

    ok({"customers", "consent", "1", "sms", "--grant", "--source", "web form"});
    ok({"customers", "consent", "1", "sms", "--withdraw"});
    const auto consents = json({"customers", "show", "1"})["consents"];
    ASSERT_EQ(consents.size(), 2u);
    EXPECT_EQ(consents[0]["source"], "web form");
    EXPECT_EQ(consents[1]["granted"], false);

    EXPECT_EQ(run({"customers", "consent", "1", "sms"}).exit_code, 1)
        << "--grant or --withdraw is required";
}

TEST_F(CustomersCommand, ABadEmailIsRefusedNamingIt) {
    const auto result = run({"customers", "add", "--name", "Bob", "--email", "bob-at-example"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("moshtari: error: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("bob-at-example"), std::string::npos) << result.err;
    EXPECT_EQ(json({"customers", "list"}).size(), 0u);
}

TEST_F(CustomersCommand, AnUnknownIdIsAUserError) {
    const auto result = run({"customers", "show", "99"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("there is no customer #99"), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty());

    const auto not_a_number = run({"customers", "show", "ada"});
    EXPECT_EQ(not_a_number.exit_code, 1);
    EXPECT_NE(not_a_number.err.find("'ada' is not a whole number"), std::string::npos)
        << not_a_number.err;
}

TEST_F(CustomersCommand, ABadAttributeOrBirthdayIsAUserError) {
    const auto attribute = run({"customers", "add", "--name", "X", "--attr", "seats:integer=many"});
    EXPECT_EQ(attribute.exit_code, 1);
    EXPECT_NE(attribute.err.find("'many' is not a valid integer"), std::string::npos)
        << attribute.err;
    const auto birthday = run({"customers", "add", "--name", "X", "--birthday", "1815-13-10"});
    EXPECT_EQ(birthday.exit_code, 1);
    EXPECT_NE(birthday.err.find("birthday '1815-13-10'"), std::string::npos) << birthday.err;
}

}  // namespace
}  // namespace moshtari::e2e
