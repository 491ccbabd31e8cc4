#include "e2e/cli_test.hpp"

namespace moshtari::e2e {
namespace {

class OrdersCommand : public CliTest {
  protected:
    OrdersCommand() {
        init();
        ok({"customers", "add", "--name", "Ada Lovelace"});
    }
};

TEST_F(OrdersCommand, AddsOrdersInTheWorkspaceCurrencyOrTheGivenOne) {
    EXPECT_EQ(ok({"orders", "add", "--customer", "1", "--total", "12.50", "--external-id", "A-1",
                  "--at", "2026-01-02T10:00:00Z", "--line", "MUG:2:5.00:Blue mug: large", "--line",
                  "TEA:1:2.50"}),
              "1");
    EXPECT_EQ(ok({"orders", "add", "--customer", "1", "--total", "990", "--currency", "JPY", "--at",
                  "2026-02-01"}),
              "2");

    const auto orders = json({"orders", "list", "--customer", "1"});
    ASSERT_EQ(orders.size(), 2u);
    EXPECT_EQ(orders[0]["total"], "990 JPY") << "newest first";
    EXPECT_EQ(orders[1]["total"], "12.50 EUR");
    EXPECT_EQ(orders[1]["external_id"], "A-1");
    EXPECT_EQ(orders[1]["lines"], 2);
    EXPECT_EQ(orders[1]["at"], "2026-01-02T10:00:00Z");
}

TEST_F(OrdersCommand, AnUnknownCurrencyIsRefused) {
    const auto result =
        run({"orders", "add", "--customer", "1", "--total", "12.50", "--currency", "XYZ"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("unknown currency 'XYZ'"), std::string::npos) << result.err;
    EXPECT_EQ(json({"orders", "list"}).size(), 0u);
}

TEST_F(OrdersCommand, AMalformedLineOrAmountIsRefused) {
    const auto line =
        run({"orders", "add", "--customer", "1", "--total", "5", "--line", "MUG:two:2.50"});
    EXPECT_EQ(line.exit_code, 1);
    EXPECT_NE(line.err.find("order line 'MUG:two:2.50'"), std::string::npos) << line.err;
    const auto amount = run({"orders", "add", "--customer", "1", "--total", "5.555"});
    EXPECT_EQ(amount.exit_code, 1);
    EXPECT_NE(amount.err.find("too many decimals"), std::string::npos) << amount.err;
    const auto customer = run({"orders", "add", "--customer", "7", "--total", "5"});
    EXPECT_EQ(customer.exit_code, 1);
    EXPECT_NE(customer.err.find("there is no customer #7"), std::string::npos) << customer.err;
}

TEST_F(OrdersCommand, CancelsAnOrderOnce) {
    ok({"orders", "add", "--customer", "1", "--total", "12.50"});
    EXPECT_EQ(ok({"orders", "cancel", "1", "--at", "2026-05-01"}), "order #1 cancelled");
    EXPECT_EQ(json({"orders", "list"})[0]["cancelled"], true);
    const auto again = run({"orders", "cancel", "1"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("order #1 is already cancelled"), std::string::npos) << again.err;
    const auto missing = run({"orders", "cancel", "9"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("there is no order #9"), std::string::npos) << missing.err;
}

TEST_F(OrdersCommand, RefundsAnOrderUpToItsTotal) {
    ok({"orders", "add", "--customer", "1", "--total", "12.50"});
    EXPECT_EQ(ok({"orders", "refund", "1", "--amount", "2.50"}),
              "order #1: 2.50 EUR refunded of 12.50 EUR");
    EXPECT_EQ(json({"orders", "list"})[0]["refunded"], "2.50 EUR");
    const auto too_much = run({"orders", "refund", "1", "--amount", "10.01"});
    EXPECT_EQ(too_much.exit_code, 1);
    EXPECT_NE(too_much.err.find("order #1 has 10.00 EUR left to refund of 12.50 EUR"),
              std::string::npos)
        << too_much.err;
    EXPECT_EQ(ok({"orders", "refund", "1", "--amount", "10"}),
              "order #1: 12.50 EUR refunded of 12.50 EUR");
}

TEST_F(OrdersCommand, InteractionsAreLoggedAndListed) {
    EXPECT_EQ(ok({"interactions", "log", "--customer", "1", "--channel", "phone", "--kind", "call",
                  "--direction", "outbound", "--outcome", "answered", "--text",
                  "Asked about prices", "--at", "2026-03-01"}),
              "1");
    const auto listed = json({"interactions", "list", "--customer", "1"});
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["direction"], "outbound");
    EXPECT_EQ(listed[0]["text"], "Asked about prices");
    EXPECT_EQ(json({"customers", "show", "1"})["recent_interactions"].size(), 1u);

    const auto bad = run({"interactions", "log", "--customer", "1", "--channel", "phone", "--kind",
                          "call", "--direction", "sideways"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("direction 'sideways'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace moshtari::e2e
