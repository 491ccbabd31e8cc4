#include "valuation.hpp"

#include <cmath>
#include <functional>
#include <unordered_map>

namespace moshtari::value {

namespace {

struct HistoryKey {
    int x;
    std::int64_t recency_days;
    std::int64_t age_days;
    friend bool operator==(const HistoryKey&, const HistoryKey&) = default;
};

struct HistoryKeyHash {
    std::size_t operator()(const HistoryKey& k) const {
        const std::hash<std::int64_t> hash;
        return hash(k.x) ^ (hash(k.recency_days) * 0x9e3779b97f4a7c15ULL) ^
               (hash(k.age_days) * 0xc2b2ae3d27d4eb4fULL);
    }
};

}  // namespace

Histories group_histories(const std::vector<CustomerSummary>& customers, double days_per_period) {
    Histories histories;
    histories.group_of.reserve(customers.size());
    std::unordered_map<HistoryKey, std::size_t, HistoryKeyHash> index;
    for (const auto& c : customers) {
        const auto [found, fresh] = index.try_emplace(
            HistoryKey{c.repeat_transactions, c.recency_days, c.age_days}, index.size());
        if (fresh) histories.groups.push_back({purchase_history(c, days_per_period), 0});
        histories.groups[found->second].customers += 1;
        histories.group_of.push_back(found->second);
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
    std::vector<Purchases> by_group;
    by_group.reserve(histories.groups.size());
    for (const auto& g : histories.groups) {
        by_group.push_back(
            {probability_alive(v.purchases, g.history),
             expected_purchases(v.purchases, g.history, v.horizon),
             discounted_purchases(v.purchases, g.history, v.horizon, v.discount_rate)});
    }
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
