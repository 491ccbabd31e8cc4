// Issuing through the real plugin: to a customer, a tag or a lifecycle stage, once per (campaign,
// customer), in one transaction; codes for anyone; the report's figures; and the customer's
// coupons in the core's export, erasure and merge.

#include "issuing.hpp"
#include "coupon_code.hpp"
#include "coupon_events.hpp"
#include "coupons_fixture.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/privacy_store.hpp"
#include "redemption.hpp"
#include "report.hpp"

namespace moshtari::coupons::testing {
namespace {

class Issuing : public CouponsTest {
  protected:
    std::vector<Issued> to(const std::string& campaign_id, Audience audience,
                           Timestamp at = now()) {
        return issue(w(), settings_, campaign(campaign_id), audience, "maria", at);
    }
    static Audience customer(CustomerId id) {
        Audience a;
        a.customer = id;
        return a;
    }
    static Audience tag(const std::string& t) {
        Audience a;
        a.tag = t;
        return a;
    }
    static Audience stage(const std::string& s) {
        Audience a;
        a.stage = s;
        return a;
    }
};

TEST_F(Issuing, OneCodePerCampaignAndCustomerHoweverOftenItIsIssued) {
    const CustomerId ada = add_customer("Ada");
    const auto first = to("welcome", customer(ada));
    ASSERT_EQ(first.size(), 1u);
    EXPECT_TRUE(first[0].fresh);
    EXPECT_EQ(first[0].coupon.code.size(), settings_.code_length);
    EXPECT_EQ(first[0].coupon.customer, ada);
    const auto again = to("welcome", customer(ada));
    ASSERT_EQ(again.size(), 1u);
    EXPECT_FALSE(again[0].fresh);
    EXPECT_EQ(again[0].coupon.code, first[0].coupon.code);
    EXPECT_EQ(count("loyalty_coupons_codes"), 1);
    EXPECT_EQ(w().event_log().read_after(0, 100, events::CouponIssued::kType).size(), 1u);
    EXPECT_TRUE(to("fiver", customer(ada))[0].fresh) << "another campaign, another code";
}

TEST_F(Issuing, ToEveryoneWithATagThenOnlyToTheNewcomers) {
    const CustomerId ada = add_customer("Ada", {"vip"});
    const CustomerId bob = add_customer("Bob", {"vip", "b2b"});
    add_customer("Cy", {"b2b"});
    const auto first = to("welcome", tag("vip"));
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].coupon.customer, ada);
    EXPECT_EQ(first[1].coupon.customer, bob);
    EXPECT_NE(first[0].coupon.code, first[1].coupon.code);

    const CustomerId dee = add_customer("Dee", {"vip"});
    const auto second = to("welcome", tag("vip"));
    ASSERT_EQ(second.size(), 3u);
    EXPECT_EQ(std::count_if(second.begin(), second.end(), [](const Issued& i) { return i.fresh; }),
              1);
    EXPECT_EQ(second[2].coupon.customer, dee);
    EXPECT_EQ(count("loyalty_coupons_codes"), 3);
}

TEST_F(Issuing, ToALifecycleStage) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    set_stage(ada, "at-risk");
    set_stage(bob, "active");
    const auto issued = to("welcome", stage("at-risk"));
    ASSERT_EQ(issued.size(), 1u);
    EXPECT_EQ(issued[0].coupon.customer, ada);
    EXPECT_TRUE(to("welcome", stage("lapsed")).empty());
}

TEST_F(Issuing, ManyCustomersInOneTransactionWithUniqueCodes) {
    for (int i = 0; i < 1200; ++i) add_customer(fmt::format("Customer {}", i), {"all"});
    const auto issued = to("welcome", tag("all"));
    EXPECT_EQ(issued.size(), 1200u) << "more than one page of customers";
    EXPECT_EQ(count("loyalty_coupons_codes"), 1200);
    EXPECT_EQ(
        db().sql().execAndGet("SELECT COUNT(DISTINCT code) FROM loyalty_coupons_codes").getInt64(),
        1200);
}

TEST_F(Issuing, RefusalsWriteNothing) {
    const CustomerId ada = add_customer("Ada");
    EXPECT_THROW(to("welcome", customer(ada + 100)), NotFound);
    try {
        to("summer", customer(ada));
        FAIL() << "issued a shared code";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("has the shared code SUMMER10"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(to("welcome", Audience{}), UserError);
    EXPECT_EQ(count("loyalty_coupons_codes"), 0);
    EXPECT_EQ(w().event_log().read_after(0, 100, events::CouponIssued::kType).size(), 0u);
}

class EndedCampaign : public CouponsTest {
  protected:
    EndedCampaign()
        : CouponsTest(R"yaml(
loyalty-coupons:
  campaigns:
    - id: old
      currency: EUR
      percent: 10
      valid_until: 2020-01-31
)yaml") {}
};

TEST_F(EndedCampaign, IssuesNothing) {
    Audience audience;
    audience.customer = add_customer("Ada");
    try {
        issue(w(), settings_, campaign("old"), audience, "test", now());
        FAIL() << "issued for an ended campaign";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "campaign 'old' ended at 2020-02-01T00:00:00Z; nothing was issued");
    }
}

TEST_F(Issuing, CodesForAnyoneAreUniqueAndUsableByAnyone) {
    const auto created = create_codes(w(), settings_, campaign("fiver"), 2000, "maria", now());
    ASSERT_EQ(created.size(), 2000u);
    EXPECT_EQ(
        db().sql().execAndGet("SELECT COUNT(DISTINCT code) FROM loyalty_coupons_codes").getInt64(),
        2000);
    EXPECT_FALSE(created[0].customer);
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    redeem(w(), settings_, created[0].code, place_order(ada, 3000), now());
    redeem(w(), settings_, created[0].code, place_order(bob, 3000), now());
}

TEST_F(Issuing, TheReportCountsIssuedRedeemedReleasedAndExpired) {
    const CustomerId ada = add_customer("Ada", {"vip"});
    const CustomerId bob = add_customer("Bob", {"vip"});
    add_customer("Cy", {"vip"});
    const auto welcome = to("welcome", tag("vip"));
    create_codes(w(), settings_, campaign("fiver"), 3, "maria", now());
    to("lapsing", tag("vip"), now() - std::chrono::days{10});  // all three lapsed
    const OrderId adas = place_order(ada, 4005);
    redeem(w(), settings_, welcome[0].coupon.code, adas, now());
    const OrderId bobs = place_order(bob, 3000);
    redeem(w(), settings_, welcome[1].coupon.code, bobs, now());
    redeem(w(), settings_, "SUMMER10", place_order(ada, 1004), now());
    w().orders().cancel(bobs);
    w().run_worker_pass(now());

    const auto figures = report(db(), settings_, now());
    ASSERT_EQ(figures.size(), settings_.campaigns.size());
    const auto& w0 = figures[0];
    EXPECT_EQ(w0.campaign, "welcome");
    EXPECT_EQ(w0.terms, "10% off");
    EXPECT_EQ(w0.issued, 3);
    EXPECT_EQ(w0.redeemed, 1);
    EXPECT_EQ(w0.discount_minor, 401);
    EXPECT_EQ(w0.released, 1);
    EXPECT_EQ(w0.expired_unredeemed, 0) << "welcome codes never lapse";
    EXPECT_EQ(figures[1].created, 3);
    EXPECT_EQ(figures[1].issued, 0);
    EXPECT_EQ(figures[2].redeemed, 1);
    EXPECT_EQ(figures[2].discount_minor, 126) << "12.5 % of 10.04 rounds half up";
    EXPECT_EQ(figures[4].campaign, "lapsing");
    EXPECT_EQ(figures[4].issued, 3);
    EXPECT_EQ(figures[4].expired_unredeemed, 3);
}

TEST_F(Issuing, TheCustomersCouponsAreExportedMergedAndErased) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    const auto adas = to("welcome", customer(ada))[0].coupon;
    const auto bobs = to("welcome", customer(bob))[0].coupon;
    to("fiver", customer(bob));
    const OrderId order = place_order(bob, 3000);
    redeem(w(), settings_, bobs.code, order, now());

    const auto exported = w().privacy().export_personal(bob, "test")["plugins"]["loyalty-coupons"];
    ASSERT_EQ(exported["coupons"].size(), 2u);
    EXPECT_EQ(exported["coupons"][0]["code"], display_code(bobs.code));
    ASSERT_EQ(exported["redemptions"].size(), 1u);
    EXPECT_EQ(exported["redemptions"][0]["order"], order);
    EXPECT_EQ(exported["redemptions"][0]["discount"], "3.00 EUR");

    // Bob merges into Ada: Ada now holds both welcome codes, and Bob's use counts against her.
    w().merges().merge(ada, bob, "test");
    EXPECT_EQ(count("loyalty_coupons_codes", fmt::format("customer_id = {}", ada)), 3);
    EXPECT_EQ(CouponStore(db()).uses_by("welcome", ada), 1);
    EXPECT_EQ(check(w(), settings_, adas.code, place_order(ada, 3000), now()).reason,
              fmt::format("limit per customer reached: customer #{} used campaign 'welcome' 1 of "
                          "1 times",
                          ada));

    // Erased with orders kept (the default): unused codes go, the redemption stays without her.
    w().privacy().erase(ada, "test");
    EXPECT_EQ(count("loyalty_coupons_codes"), 1) << "only the redeemed code is kept";
    EXPECT_EQ(count("loyalty_coupons_codes", "customer_id IS NULL AND personal = 1"), 1);
    EXPECT_EQ(count("loyalty_coupons_redemptions", "customer_id IS NULL"), 1);
    EXPECT_EQ(report(db(), settings_, now())[0].redeemed, 1) << "the figures stand";
}

class ErasedWithOrders : public CouponsTest {
  protected:
    ErasedWithOrders()
        : CouponsTest(std::string(kCampaigns) + "privacy:\n  keep_orders: false\n") {}
};

TEST_F(ErasedWithOrders, ThePolicyThatDeletesOrdersDeletesCodesAndRedemptionsToo) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    Audience audience;
    audience.customer = ada;
    const auto adas = issue(w(), settings_, campaign("welcome"), audience, "test", now());
    audience.customer = bob;
    const auto bobs = issue(w(), settings_, campaign("welcome"), audience, "test", now());
    redeem(w(), settings_, adas[0].coupon.code, place_order(ada, 3000), now());
    redeem(w(), settings_, "SUMMER10", place_order(ada, 3000), now());
    redeem(w(), settings_, bobs[0].coupon.code, place_order(bob, 3000), now());

    w().privacy().erase(ada, "test");
    EXPECT_EQ(count("loyalty_coupons_codes"), 1);
    EXPECT_EQ(count("loyalty_coupons_codes", fmt::format("customer_id = {}", bob)), 1);
    EXPECT_EQ(count("loyalty_coupons_redemptions"), 1) << "Bob's alone";
    EXPECT_EQ(count("loyalty_coupons_redemptions", fmt::format("customer_id = {}", bob)), 1);
    EXPECT_EQ(report(db(), settings_, now())[0].redeemed, 1);
}

}  // namespace
}  // namespace moshtari::coupons::testing
