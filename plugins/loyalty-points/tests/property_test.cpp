// Thousands of random orders, cancellations, partial refunds, redemptions and expiries, replayed
// against the real plugin and against a model of the rules written here from scratch. After every
// step the balance, the sum of the ledger and the model agree, and a clamped programme is never
// below zero.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>

#include "account.hpp"
#include "expiry.hpp"
#include "loyalty_fixture.hpp"
#include "moshtari/error.hpp"

namespace moshtari::loyalty::testing {
namespace {

constexpr std::uint64_t kSeed = 20261124;
constexpr int kSteps = 2500;
constexpr int kCustomers = 5;
constexpr int kLifetimeDays = 20;
constexpr std::int64_t kFirstOrderBonus = 7;

// The rules as the README states them, kept per customer without a ledger.
class Model {
  public:
    explicit Model(bool allow_negative) : allow_negative_(allow_negative) {}

    void earn(OrderId order, Timestamp at, std::int64_t total_minor, bool first) {
        orders_[order].total = total_minor;
        if (total_minor / 100 > 0) receive(order, at, total_minor / 100);
        if (first) receive(order, at, kFirstOrderBonus);
    }

    // Returns whether the redemption succeeds.
    bool redeem(Timestamp at, std::int64_t points) {
        expire(at);
        if (balance() < points) return false;
        spend(at, points, 0);
        return true;
    }

    void cancel(OrderId order, Timestamp at) {
        take_back(order, at, [&] { return outstanding(order); });
    }

    void refund(OrderId order, Timestamp at, std::int64_t amount_minor) {
        OrderAccount& account = orders_[order];
        account.refunded += amount_minor;
        take_back(order, at, [&] {
            return earned(order) * account.refunded / account.total - account.taken_back;
        });
    }

    void expire(Timestamp as_of) {
        for (auto& lot : lots_) {
            if (lot.expires <= as_of && !lot.expiry_recorded && lot.left > 0) {
                lot.expired = lot.left;
                lot.left = 0;
                lot.expiry_recorded = true;
            }
        }
    }

    std::int64_t balance() const {
        std::int64_t sum = -owed_;
        for (const auto& lot : lots_) sum += lot.left;
        return sum;
    }

  private:
    struct Lot {
        OrderId order;
        Timestamp expires;
        std::int64_t points;
        std::int64_t left;
        std::int64_t expired = 0;
        bool expiry_recorded = false;
    };
    struct OrderAccount {
        std::int64_t total = 0;
        std::int64_t refunded = 0;
        std::int64_t taken_back = 0;  // shortfalls included
    };

    void receive(OrderId order, Timestamp at, std::int64_t points) {
        const std::int64_t repaid = std::min(owed_, points);
        owed_ -= repaid;
        lots_.push_back({order, at + std::chrono::days(kLifetimeDays), points, points - repaid});
    }

    std::int64_t earned(OrderId order) const {
        std::int64_t sum = 0;
        for (const auto& lot : lots_) sum += lot.order == order ? lot.points : 0;
        return sum;
    }
    std::int64_t outstanding(OrderId order) {
        std::int64_t expired = 0;
        for (const auto& lot : lots_) expired += lot.order == order ? lot.expired : 0;
        return earned(order) - expired - orders_[order].taken_back;
    }

    template <class Due>
    void take_back(OrderId order, Timestamp at, Due due) {
        if (earned(order) == 0) return;
        expire(at);
        const std::int64_t owed =
            std::clamp<std::int64_t>(due(), 0, std::max<std::int64_t>(outstanding(order), 0));
        const std::int64_t taken =
            allow_negative_ ? owed : std::clamp<std::int64_t>(balance(), 0, owed);
        spend(at, taken, order);
        orders_[order].taken_back += owed;
    }

    // From the order's own lots first when `order` is set, then the oldest valid lots.
    void spend(Timestamp at, std::int64_t points, OrderId order) {
        for (int pass = order != 0 ? 0 : 1; pass < 2; ++pass) {
            for (auto& lot : lots_) {
                if (lot.expires <= at || (pass == 0 && lot.order != order)) continue;
                const std::int64_t taken = std::min(lot.left, points);
                lot.left -= taken;
                points -= taken;
            }
        }
        owed_ += points;
    }

    bool allow_negative_;
    std::vector<Lot> lots_;
    std::map<OrderId, OrderAccount> orders_;
    std::int64_t owed_ = 0;
};

std::string programme_yaml(const char* policy) {
    return fmt::format(R"yaml(
loyalty-points:
  programmes:
    - id: points
      currency: EUR
      earn: {{points_per_unit: 1, rounding: down}}
      bonuses: {{first_order: {}}}
      lifetime_days: {}
      negative_balance: {}
)yaml",
                       kFirstOrderBonus, kLifetimeDays, policy);
}

class Replay : public LoyaltyTest, public ::testing::WithParamInterface<const char*> {
  protected:
    Replay() : LoyaltyTest(programme_yaml(GetParam())) {}
};

TEST_P(Replay, BalanceLedgerSumAndModelAgreeAfterEveryStep) {
    const bool allow = std::string(GetParam()) == "allow";
    std::mt19937_64 random(kSeed);
    const auto uniform = [&](std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random);
    };
    std::vector<CustomerId> customers;
    std::vector<Model> models;
    for (int i = 0; i < kCustomers; ++i) {
        customers.push_back(add_customer(fmt::format("Customer {}", i)));
        models.emplace_back(allow);
    }
    struct OpenOrder {
        OrderId order;
        int customer;       // index
        std::int64_t left;  // to refund
    };
    std::vector<OpenOrder> open_orders;
    std::vector<bool> has_ordered(kCustomers, false);
    Timestamp t = at("2024-01-01");
    int redeemed = 0, refused = 0, cancelled = 0, refunded = 0, expiries = 0;
    for (int step = 0; step < kSteps; ++step) {
        SCOPED_TRACE(fmt::format("seed {}, step {}, policy {}", kSeed, step, GetParam()));
        t += std::chrono::minutes(uniform(0, 36 * 60));
        const int c = static_cast<int>(uniform(0, kCustomers - 1));
        const std::int64_t roll = uniform(0, 99);
        if (roll < 45) {
            const std::int64_t total = uniform(50, 20000);
            const OrderId order = place_order(customers[c], total, t);
            run_worker();
            models[c].earn(order, t, total, !has_ordered[c]);
            has_ordered[c] = true;
            open_orders.push_back({order, c, total});
        } else if (roll < 62 && !open_orders.empty()) {
            const auto pick = static_cast<std::size_t>(uniform(0, open_orders.size() - 1));
            OpenOrder& open = open_orders[pick];
            if (roll < 52 || open.left == 0) {
                w().orders().cancel(open.order, t);
                run_worker();
                models[open.customer].cancel(open.order, t);
                open_orders.erase(open_orders.begin() + static_cast<std::ptrdiff_t>(pick));
                ++cancelled;
            } else {
                const std::int64_t amount = uniform(1, open.left);
                w().orders().refund(open.order, Money{amount, "EUR"}, t);
                run_worker();
                models[open.customer].refund(open.order, t, amount);
                open.left -= amount;
                ++refunded;
            }
        } else if (roll < 92) {
            const std::int64_t points =
                uniform(1, std::max<std::int64_t>(1, models[c].balance() + 20));
            bool succeeded = true;
            try {
                redeem(db(), programme(),
                       {customers[c], points, fmt::format("r-{}", step), "test", t});
            } catch (const UserError&) {
                succeeded = false;
            }
            ASSERT_EQ(succeeded, models[c].redeem(t, points)) << "redeeming " << points;
            ++(succeeded ? redeemed : refused);
        } else {
            expire(db(), programme(), t, {}, false);
            for (auto& model : models) model.expire(t);
            ++expiries;
        }
        for (int i = 0; i < kCustomers; ++i) {
            std::int64_t sum = 0;
            for (const auto& entry : entries(customers[i])) sum += entry.points;
            const std::int64_t stored = balance(customers[i]);
            ASSERT_EQ(stored, sum) << "customer " << i;
            ASSERT_EQ(stored, models[i].balance()) << "customer " << i;
            if (!allow) {
                ASSERT_GE(stored, 0) << "customer " << i;
            }
        }
    }
    // The replay exercised every path, not just one.
    EXPECT_GT(redeemed, 100);
    EXPECT_GT(refused, 20);
    EXPECT_GT(cancelled, 50);
    EXPECT_GT(refunded, 50);
    EXPECT_GT(expiries, 50);
}

INSTANTIATE_TEST_SUITE_P(Policies, Replay, ::testing::Values("clamp", "allow"));

}  // namespace
}  // namespace moshtari::loyalty::testing
