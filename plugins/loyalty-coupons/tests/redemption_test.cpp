// Validating and redeeming against real orders in the real plugin: every reason a code is refused,
// the discounts, limits per code, per customer and in all, stacking, and release on cancellation.

#include <future>

#include "coupon_code.hpp"
#include "coupon_events.hpp"
#include "coupons_fixture.hpp"
#include "issuing.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "redemption.hpp"

namespace moshtari::coupons::testing {
namespace {

class Redeeming : public CouponsTest {
  protected:
    // A fresh code of `campaign_id` for the customer, issued at `at`.
    std::string code_for(std::string_view campaign_id, CustomerId customer, Timestamp at = now()) {
        Audience audience;
        audience.customer = customer;
        return issue(w(), settings_, campaign(campaign_id), audience, "test", at)
            .front()
            .coupon.code;
    }
    Verdict verdict(std::string_view code, OrderId order) {
        return check(w(), settings_, code, order, now());
    }
    std::string reason(std::string_view code, OrderId order) { return verdict(code, order).reason; }
    Redemption use(std::string_view code, OrderId order) {
        return redeem(w(), settings_, code, order, now());
    }
    // Redeeming fails with the reason validation gives, and writes nothing.
    void expect_refused(std::string_view code, OrderId order, const std::string& why) {
        SCOPED_TRACE(why);
        EXPECT_EQ(reason(code, order), why);
        const auto rows = count("loyalty_coupons_redemptions");
        try {
            use(code, order);
            ADD_FAILURE() << "redeemed";
        } catch (const UserError& e) {
            EXPECT_NE(std::string(e.what()).find(why + "; nothing was redeemed"), std::string::npos)
                << e.what();
        }
        EXPECT_EQ(count("loyalty_coupons_redemptions"), rows);
    }
};

TEST_F(Redeeming, AValidCodeTakesItsDiscountOffAndIsRecordedWithItsEvent) {
    const CustomerId ada = add_customer("Ada");
    const std::string code = code_for("welcome", ada);
    const OrderId order = place_order(ada, 4005);  // 10 % is 400.5: rounds to 401
    const Verdict v = verdict(display_code(code), order);
    ASSERT_TRUE(v.valid()) << v.reason;
    EXPECT_EQ(v.discount_minor, 401);
    EXPECT_EQ(count("loyalty_coupons_redemptions"), 0) << "validation writes nothing";

    const auto before = w().event_log().last_id();
    const Redemption r = use(canonical_code(code), order);
    EXPECT_EQ(r.discount_minor, 401);
    EXPECT_EQ(r.customer, ada);
    EXPECT_EQ(r.campaign, "welcome");
    const auto logged = w().event_log().read_after(before, 10, events::CouponRedeemed::kType);
    ASSERT_EQ(logged.size(), 1u);
    EXPECT_EQ(logged[0].payload["discount_minor"], 401);
    EXPECT_EQ(logged[0].payload["order_id"], order);
    EXPECT_FALSE(logged[0].payload.contains("code")) << "a code is a bearer secret";
}

TEST_F(Redeeming, TypedCodesMatchInAnyCaseWithOrWithoutDashes) {
    const CustomerId ada = add_customer("Ada");
    const std::string code = code_for("welcome", ada);
    std::string lower = display_code(code);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(verdict(lower, place_order(ada, 3000)).valid());
    EXPECT_TRUE(verdict("Summer 10", place_order(ada, 3000)).valid());
}

TEST_F(Redeeming, EveryReasonARefusalGives) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    const OrderId adas = place_order(ada, 3000);

    expect_refused("ABCD-EFGH-JKMN", adas,
                   "no coupon has the code ABCD-EFGH-JKMN; check it for typos");
    expect_refused("LATER", adas, "not yet valid: campaign 'later' starts at 2999-01-01T00:00:00Z");

    const Timestamp eight_days_ago = now() - std::chrono::days{8};
    const std::string lapsed = code_for("lapsing", ada, eight_days_ago);
    expect_refused(
        lapsed, adas,
        fmt::format("expired at {}", format_time(eight_days_ago + std::chrono::days{7})));

    const std::string adas_code = code_for("welcome", ada);
    const OrderId bobs = place_order(bob, 3000);
    expect_refused(adas_code, bobs,
                   fmt::format("not this customer's code: it was issued to another customer than "
                               "order #{}'s",
                               bobs));
    const OrderId small = place_order(ada, 1999);
    expect_refused(adas_code, small,
                   fmt::format("below minimum: order #{} totals 19.99 EUR, campaign 'welcome' "
                               "needs at least 20.00 EUR",
                               small));
    const OrderId dollars = place_order(ada, 3000, "USD");
    expect_refused(adas_code, dollars,
                   fmt::format("campaign 'welcome' is in EUR and order #{} in USD", dollars));
    const OrderId cancelled = place_order(ada, 3000);
    w().orders().cancel(cancelled);
    expect_refused(adas_code, cancelled, fmt::format("order #{} is cancelled", cancelled));

    use(adas_code, adas);
    expect_refused(adas_code, adas, fmt::format("already redeemed on order #{}", adas));
    expect_refused(adas_code, place_order(ada, 3000), "used up: the code was used 1 of 1 times");

    const OrderId guest = place_order(std::nullopt, 3000);
    expect_refused("SUMMER10", guest,
                   fmt::format("order #{} is a guest order, and campaign 'summer' limits uses "
                               "per customer; add the order under a customer",
                               guest));
    expect_refused("SUMMER10", adas,
                   fmt::format("cannot stack with coupon {} on order #{}: an order carries at "
                               "most one non-stackable coupon",
                               display_code(adas_code), adas));
    use("SUMMER10", place_order(ada, 3000));
    expect_refused("SUMMER10", place_order(ada, 3000),
                   fmt::format("limit per customer reached: customer #{} used campaign 'summer' "
                               "1 of 1 times",
                               ada));
    use("SUMMER10", place_order(bob, 3000));
    expect_refused("SUMMER10", place_order(add_customer("Cy"), 3000),
                   "used up: campaign 'summer' reached its 2 uses");

    const OrderId tiny = place_order(ada, 300);
    use("BIGONE", tiny);
    expect_refused(code_for("fiver", ada), tiny,
                   fmt::format("order #{} is already fully discounted", tiny));
}

TEST_F(Redeeming, ACodeNoLongerConfiguredIsRefusedByName) {
    const CustomerId ada = add_customer("Ada");
    {
        Transaction tx(db());
        CouponStore(db()).insert(Coupon{0, "winter", "WNTRWNTRWNTR", ada, true, now(), "test"});
        tx.commit();
    }
    expect_refused("wntr-wntr-wntr", place_order(ada, 3000),
                   "the code belongs to campaign 'winter', which is no longer configured");
}

TEST_F(Redeeming, LimitsPerCodePerCustomerAndInAll) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    const std::string adas = code_for("fiver", ada);
    use(adas, place_order(ada, 3000));
    use(adas, place_order(ada, 3000));
    expect_refused(adas, place_order(ada, 3000),
                   fmt::format("limit per customer reached: customer #{} used campaign 'fiver' 2 "
                               "of 2 times",
                               ada));
    const std::string bobs = code_for("fiver", bob);
    use(bobs, place_order(bob, 3000));
    use(bobs, place_order(bob, 3000));
    const CustomerId cy = add_customer("Cy");
    expect_refused(code_for("fiver", cy), place_order(cy, 3000),
                   "used up: campaign 'fiver' reached its 4 uses");
}

TEST_F(Redeeming, AtMostOneNonStackableCouponPerOrderAndStackableOnesAddUp) {
    const CustomerId ada = add_customer("Ada");
    const OrderId order = place_order(ada, 10000);
    EXPECT_EQ(use(code_for("welcome", ada), order).discount_minor, 1000);
    EXPECT_EQ(use(code_for("fiver", ada), order).discount_minor, 500)
        << "a stackable coupon joins a non-stackable one";
    EXPECT_EQ(use("BIGONE", order).discount_minor, 8500)
        << "and stackable ones together never take more than the total";
    const std::string summer = reason("SUMMER10", order);
    EXPECT_NE(summer.find("cannot stack with coupon"), std::string::npos) << summer;

    // The other way round: the non-stackable one comes second and finds only a stackable one.
    const OrderId second = place_order(ada, 10000);
    EXPECT_EQ(use(code_for("fiver", ada), second).discount_minor, 500);
    EXPECT_EQ(use("SUMMER10", second).discount_minor, 1250);
}

TEST_F(Redeeming, ACancelledOrderReleasesItsRedemptions) {
    const CustomerId ada = add_customer("Ada");
    const std::string code = code_for("welcome", ada);
    const OrderId order = place_order(ada, 3000);
    use(code, order);
    EXPECT_EQ(reason(code, place_order(ada, 3000)), "used up: the code was used 1 of 1 times");

    w().orders().cancel(order);
    w().run_worker_pass(now());
    EXPECT_EQ(count("loyalty_coupons_redemptions", "released_at IS NOT NULL"), 1);
    const auto released = w().event_log().read_after(0, 100, events::CouponReleased::kType);
    ASSERT_EQ(released.size(), 1u);
    EXPECT_EQ(released[0].payload["order_id"], order);
    const OrderId again = place_order(ada, 3000);
    EXPECT_TRUE(verdict(code, again).valid()) << "the use came back";
    use(code, again);
    w().run_worker_pass(now());
    EXPECT_EQ(count("loyalty_coupons_redemptions", "released_at IS NOT NULL"), 1)
        << "the cancellation is handled once";
}

// Another process holds the write lock and uses the code up meanwhile: redeem must wait for the
// lock before it checks, or it would decide on what it read before and redeem a second time.
TEST_F(Redeeming, RedeemChecksOnlyOnceItHoldsTheWriteLock) {
    const CustomerId ada = add_customer("Ada");
    const CustomerId bob = add_customer("Bob");
    const OrderId adas = place_order(ada, 3000);
    const OrderId bobs = place_order(bob, 3000);
    const auto code = create_codes(w(), settings_, campaign("welcome"), 1, "test", now()).front();

    SQLite::Database rival(db().path().string(), SQLite::OPEN_READWRITE);
    rival.setBusyTimeout(10'000);
    rival.exec("BEGIN IMMEDIATE");
    auto pending = std::async(std::launch::async, [&] {
        try {
            use(code.code, adas);
            return std::string("redeemed");
        } catch (const UserError& e) {
            return std::string(e.what());
        }
    });
    EXPECT_EQ(pending.wait_for(std::chrono::milliseconds(500)), std::future_status::timeout)
        << "redeem went ahead while another process held the lock";
    rival.exec(fmt::format(
        "INSERT INTO loyalty_coupons_redemptions (campaign, coupon_id, code, customer_id, "
        "order_id, "
        "discount_minor, currency, stackable, redeemed_at) VALUES ('welcome', {}, '{}', {}, {}, "
        "300, 'EUR', 0, {})",
        code.id, code.code, bob, bobs, to_unix(now())));
    rival.exec("COMMIT");
    EXPECT_NE(pending.get().find("used up: the code was used 1 of 1 times"), std::string::npos);
    EXPECT_EQ(count("loyalty_coupons_redemptions"), 1);
}

TEST_F(Redeeming, AFullRefundReleasesAndAPartialOneDoesNot) {
    const CustomerId ada = add_customer("Ada");
    const std::string code = code_for("fiver", ada);
    const OrderId partly = place_order(ada, 3000);
    const OrderId wholly = place_order(ada, 3000);
    use(code, partly);
    use(code, wholly);
    w().orders().refund(partly, Money{1000, "EUR"});
    w().orders().refund(wholly, Money{1000, "EUR"});
    w().run_worker_pass(now());
    EXPECT_EQ(count("loyalty_coupons_redemptions", "released_at IS NOT NULL"), 0);
    w().orders().refund(wholly, Money{2000, "EUR"});
    w().run_worker_pass(now());
    EXPECT_EQ(count("loyalty_coupons_redemptions",
                    fmt::format("released_at IS NOT NULL AND order_id = {}", wholly)),
              1);
    EXPECT_EQ(CouponStore(db()).uses_by("fiver", ada), 1);
    EXPECT_EQ(reason(code, wholly), fmt::format("order #{} is fully refunded", wholly));
}

}  // namespace
}  // namespace moshtari::coupons::testing
