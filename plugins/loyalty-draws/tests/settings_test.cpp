// Configuration through the real host: every key read, and each mistake refused at its
// file:line:column with what to write instead.

#include <algorithm>
#include <fstream>

#include "draws_fixture.hpp"
#include "moshtari/config_error.hpp"

namespace moshtari::draws::testing {
namespace {

using moshtari::testing::ConfigRefusal;
using moshtari::testing::position_in;

ConfigRefusal open_with(const std::string& yaml) {
    return moshtari::testing::config_refusal({MOSHTARI_PLUGIN_DIR}, yaml, {"loyalty-draws"});
}

void expect_refused_at(const std::string& yaml, const std::string& value,
                       const std::string& message) {
    const ConfigRefusal r = open_with(yaml);
    EXPECT_EQ(std::make_pair(r.line, r.column), position_in(r.text, value)) << r.message;
    EXPECT_NE(r.message.find(message), std::string::npos) << r.message;
}

TEST(Settings, EveryKeyIsRead) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, R"yaml(
loyalty-draws:
  orders: {currency: EUR, minimum: "25.00", per_amount: "12.50", max_per_order: 4}
  referrals: {kind: friend-referral, entries: 3}
  no_purchase: {entries: 2}
  exclude: {tags: [staff, supplier], without_consent: email}
  notification:
    channel: sms
    subject: "You won {{ prize }}"
    text: "Dear {{given_name}}, rank {{ rank }} in {{ draw }}"
)yaml",
                                        {"loyalty-draws"});
    const Settings s =
        read_settings(ConfigSection::read_file(ws.config_file()).child("loyalty-draws"));
    EXPECT_EQ(s.orders.currency, "EUR");
    EXPECT_EQ(s.orders.minimum_minor, 2500);
    EXPECT_EQ(s.orders.per_amount_minor, 1250);
    EXPECT_EQ(s.orders.max_per_order, 4);
    EXPECT_EQ(s.referrals.kind, "friend-referral");
    EXPECT_EQ(s.referrals.entries, 3);
    EXPECT_EQ(s.no_purchase_entries, 2);
    EXPECT_EQ(s.exclude.tags, (std::vector<std::string>{"staff", "supplier"}));
    EXPECT_EQ(s.exclude.without_consent, "email");
    EXPECT_EQ(s.notification.channel, "sms");
    EXPECT_EQ(
        s.notification.subject.render(
            {{"prize", "a grinder"}, {"name", ""}, {"given_name", ""}, {"draw", ""}, {"rank", ""}}),
        "You won a grinder");
    EXPECT_EQ(s.notification.text.render({{"prize", ""},
                                          {"name", "Sara Ahmadi"},
                                          {"given_name", "Sara"},
                                          {"draw", "xmas"},
                                          {"rank", "2"}}),
              "Dear Sara, rank 2 in xmas");
}

TEST(Settings, AnEmptySectionEarnsNothingAndExcludesNobody) {
    moshtari::testing::TestWorkspace ws({MOSHTARI_PLUGIN_DIR}, "", {"loyalty-draws"});
    const Settings s =
        read_settings(ConfigSection::read_file(ws.config_file()).child("loyalty-draws"));
    EXPECT_FALSE(s.orders.enabled());
    EXPECT_FALSE(s.referrals.enabled());
    EXPECT_FALSE(s.notification.enabled());
    EXPECT_EQ(s.no_purchase_entries, 1);
    EXPECT_TRUE(s.exclude.tags.empty());
}

TEST(Settings, EntriesPerOrderFollowTheRule) {
    OrderRule rule{"EUR", 2000, 1000, 3};
    EXPECT_EQ(rule.entries_for(1999), 0);
    EXPECT_EQ(rule.entries_for(2000), 2);
    EXPECT_EQ(rule.entries_for(2999), 2);
    EXPECT_EQ(rule.entries_for(3000), 3);
    EXPECT_EQ(rule.entries_for(99900), 3) << "capped";
    OrderRule small{"EUR", 500, 1000, 0};
    EXPECT_EQ(small.entries_for(700), 1) << "a qualifying order gives at least one";
    OrderRule once{"EUR", 0, 0, 0};
    EXPECT_EQ(once.entries_for(1), 1);
    EXPECT_EQ(once.entries_for(0), 0) << "a fully refunded order gives none";
}

TEST(Settings, MistakesAreRefusedAtTheirLineAndColumn) {
    expect_refused_at("loyalty-draws:\n  order: {currency: EUR}\n",
                      "order:", "did you mean 'orders'");
    expect_refused_at("loyalty-draws:\n  orders: {currency: EURO}\n", "EURO", "EURO");
    expect_refused_at("loyalty-draws:\n  orders: {currency: EUR, minimum: \"12.345\"}\n",
                      "\"12.345\"", "orders.minimum");
    expect_refused_at("loyalty-draws:\n  orders: {currency: EUR, minimum: \"-1\"}\n", "\"-1\"",
                      "must be an amount above zero");
    expect_refused_at("loyalty-draws:\n  orders: {currency: EUR, max_per_order: 3}\n", "3}",
                      "without per_amount");
    expect_refused_at("loyalty-draws:\n  referrals: {kind: referral, entries: 0}\n", "0}",
                      "at least 1");
    expect_refused_at("loyalty-draws:\n  no_purchase: {entries: -2}\n", "-2", "at least 1");
    expect_refused_at("loyalty-draws:\n  exclude: {tags: [staff, \"\"]}\n", "[staff",
                      "a tag cannot be empty");
    expect_refused_at(
        "loyalty-draws:\n  notification:\n    channel: email\n    subject: Hi\n    text: \"Hi {{ "
        "pize }}\"\n",
        "\"Hi {{", "unknown placeholder 'pize'; use name, given_name, draw, prize, rank");
    expect_refused_at(
        "loyalty-draws:\n  notification:\n    channel: email\n    subject: \"{{ draw\"\n    text: "
        "x\n",
        "\"{{ draw\"", "has no '}}'");
    expect_refused_at("loyalty-draws:\n  notification:\n    channel: email\n    text: x\n",
                      "channel: email", "subject");
}

}  // namespace
}  // namespace moshtari::draws::testing
