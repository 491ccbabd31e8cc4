#include "valuation.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>

namespace moshtari::value {

namespace {

struct HistoryKey {
    int x;
    std::int64_t recency_days;
    std::int64_t age_days;
    friend bool operator==(const HistoryKey&, const HistoryKey&) = default;
};

std::uint64_t hash(const HistoryKey& k) {
    std::uint64_t h = (static_cast<std::uint64_t>(k.x) * 0x9e3779b97f4a7c15ULL) ^
                      (static_cast<std::uint64_t>(k.recency_days) * 0xc2b2ae3d27d4eb4fULL) ^
                      (static_cast<std::uint64_t>(k.age_days) * 0x165667b19e3779f9ULL);
    // The slot is taken from the low bits: fold the high ones in.
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    return h ^ (h >> 32);
}

}  // namespace

Histories group_histories(const std::vector<CustomerSummary>& customers, double days_per_period) {
    Histories histories;
    histories.group_of.reserve(customers.size());
    // Open addressing, at most half full: most of a million customers have a history of their own,
    // and a node-based map allocated and chased a node for each.
    std::size_t capacity = 16;
    while (capacity < 2 * customers.size()) capacity *= 2;
    constexpr std::size_t kFree = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> slots(capacity, kFree);  // group indices
    std::vector<HistoryKey> keys;                     // by group
    for (const auto& c : customers) {
        const HistoryKey key{c.repeat_transactions, c.recency_days, c.age_days};
        std::size_t slot = hash(key) & (capacity - 1);
        while (slots[slot] != kFree && !(keys[slots[slot]] == key)) {
            slot = (slot + 1) & (capacity - 1);
        }
        if (slots[slot] == kFree) {
            slots[slot] = keys.size();
            keys.push_back(key);
            histories.groups.push_back({purchase_history(c, days_per_period), 0});
        }
        histories.groups[slots[slot]].customers += 1;
        histories.group_of.push_back(slots[slot]);
    }
    return histories;
}

PurchaseHistory purchase_history(const CustomerSummary& c, double days_per_period) {
    return {c.repeat_transactions, static_cast<double>(c.recency_days) / days_per_period,
            static_cast<double>(c.age_days) / days_per_period};
}

SpendHistory spend_history(const CustomerSummary& c, double minor_per_unit) {
    if (c.repeat_transactions == 0) return {0, 0};
    return {c.repeat_transactions,
            static_cast<double>(c.repeat_value_minor) / minor_per_unit / c.repeat_transactions};
}

double discounted_purchases(const BgNbd& model, const PurchaseHistory& history, int horizon,
                            double discount_rate) {
    if (discount_rate == 0) return expected_purchases(model, history, horizon);
    double total = 0, before = 0, factor = 1;
    for (int i = 1; i <= horizon; ++i) {
        const double by_now = expected_purchases(model, history, i);
        factor /= 1 + discount_rate;
        total += (by_now - before) * factor;
        before = by_now;
    }
    return total;
}

std::vector<CustomerValue> value_customers(const std::vector<CustomerSummary>& customers,
                                           const Histories& histories, const Valuation& v) {
    struct Purchases {
        double p_alive, expected, discounted;
    };
    // Each history's expectation sums hypergeometric series: the histories are shared out among
    // the cores, each result into its own slot.
    std::vector<Purchases> by_group(histories.groups.size());
    std::exception_ptr error;
    const auto groups = static_cast<std::ptrdiff_t>(histories.groups.size());
#pragma omp parallel for schedule(dynamic, 4096)
    for (std::ptrdiff_t i = 0; i < groups; ++i) {
        try {
            const PurchaseHistory& h = histories.groups[static_cast<std::size_t>(i)].history;
            const double expected = expected_purchases(v.purchases, h, v.horizon);
            // Undiscounted, the sum is that expectation: the same value, not computed twice.
            by_group[static_cast<std::size_t>(i)] = {
                probability_alive(v.purchases, h), expected,
                v.discount_rate == 0
                    ? expected
                    : discounted_purchases(v.purchases, h, v.horizon, v.discount_rate)};
        } catch (...) {
            // An exception must not leave the parallel loop; the first one caught is rethrown.
#pragma omp critical(value_clv_valuation_error)
            if (!error) error = std::current_exception();
        }
    }
    if (error) std::rethrow_exception(error);
    std::vector<CustomerValue> values;
    values.reserve(customers.size());
    for (std::size_t i = 0; i < customers.size(); ++i) {
        const CustomerSummary& c = customers[i];
        const std::size_t group = histories.group_of[i];
        const Purchases& p = by_group[group];
        const SpendHistory spend = spend_history(c, v.minor_per_unit);
        CustomerValue value;
        value.id = c.id;
        value.history = histories.groups[group].history;
        value.average_spend = spend.average;
        value.p_alive = p.p_alive;
        value.expected_purchases = p.expected;
        value.expected_spend = expected_spend(v.spend, spend);
        value.clv_minor =
            std::llround(v.margin * value.expected_spend * p.discounted * v.minor_per_unit);
        values.push_back(std::move(value));
    }
    return values;
}

}  // namespace moshtari::value
