#include "valuation.hpp"

#include <cmath>
#include <map>

namespace moshtari::value {

HistoryKey history_key(const CustomerSummary& c) {
    return {c.repeat_transactions, c.recency_days, c.age_days};
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
                                           const Valuation& v) {
    struct Purchases {
        double p_alive, expected, discounted;
    };
    std::map<HistoryKey, Purchases> by_history;
    std::vector<CustomerValue> values;
    values.reserve(customers.size());
    for (const auto& c : customers) {
        CustomerValue value;
        value.id = c.id;
        value.history = purchase_history(c, v.days_per_period);
        const SpendHistory spend = spend_history(c, v.minor_per_unit);
        value.average_spend = spend.average;
        const auto [found, fresh] = by_history.try_emplace(history_key(c));
        if (fresh) {
            found->second = {
                probability_alive(v.purchases, value.history),
                expected_purchases(v.purchases, value.history, v.horizon),
                discounted_purchases(v.purchases, value.history, v.horizon, v.discount_rate)};
        }
        const Purchases& p = found->second;
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
