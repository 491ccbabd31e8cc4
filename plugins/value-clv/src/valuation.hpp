#pragma once
// From the fitted models to each customer's value: P(alive), purchases expected over the horizon,
// expected spend per purchase and the discounted CLV.

#include <cstdint>
#include <string>
#include <vector>

#include "bg_nbd.hpp"
#include "customer_summary.hpp"
#include "gamma_gamma.hpp"

namespace moshtari::value {

struct CustomerValue {
    CustomerId id = 0;
    std::int64_t rank = 0;      // 1 for the highest CLV of the fit; 0 until ranked
    PurchaseHistory history{};  // in periods
    double average_spend = 0;   // mean of the repeat transactions, in currency units
    double p_alive = 0;
    double expected_purchases = 0;  // over the horizon
    double expected_spend = 0;      // per purchase, in currency units
    std::int64_t clv_minor = 0;
    std::string tier{};
};

struct Valuation {
    BgNbd purchases{};
    GammaGamma spend{};
    int horizon = 0;           // periods
    double discount_rate = 0;  // per period
    double margin = 1;         // share of the spend
    double days_per_period = 7;
    double minor_per_unit = 100;  // 10^(the currency's minor digits)
};

// The customers' distinct purchase histories (in whole days, so exact), each with how many
// customers share it: the BG/NBD functions are evaluated once per history, not per customer.
struct Histories {
    std::vector<HistoryGroup> groups;
    std::vector<std::size_t> group_of;  // each customer's group, in the customers' order
};
Histories group_histories(const std::vector<CustomerSummary>& customers, double days_per_period);

// The model's inputs for one customer: times in periods, spend in currency units.
PurchaseHistory purchase_history(const CustomerSummary& customer, double days_per_period);
SpendHistory spend_history(const CustomerSummary& customer, double minor_per_unit);

// sum over periods i = 1..horizon of (E[Y(i)] - E[Y(i-1)]) / (1 + discount)^i: the purchases
// expected in each period, each discounted from the end of its period.
double discounted_purchases(const BgNbd& model, const PurchaseHistory& history, int horizon,
                            double discount_rate);

// One value per customer, in the order given; `histories` groups the same customers. CLV = margin
// x expected spend x discounted purchases, in minor units.
std::vector<CustomerValue> value_customers(const std::vector<CustomerSummary>& customers,
                                           const Histories& histories, const Valuation& valuation);

}  // namespace moshtari::value
