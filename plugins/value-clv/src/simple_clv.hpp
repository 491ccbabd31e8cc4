#pragma once
// The simple CLV: the discounted margins of a customer who buys at a steady rate and stays from one
// period to the next with a fixed probability.
//
// Period t = 1..horizon contributes margin_per_order x purchases_per_period x (1 + inflation)^(t-1)
// x retention^(t-1) / (1 + discount)^t: the margin grows with inflation, the customer is still
// there with probability retention^(t-1), and the money arrives at the end of the period.

#include <vector>

#include "settings.hpp"

namespace moshtari::value {

struct SimplePeriod {
    int period = 0;
    double survival = 0;          // retention^(t-1)
    double margin_minor = 0;      // expected nominal margin in the period
    double discounted_minor = 0;  // its present value
};

struct SimpleClv {
    std::vector<SimplePeriod> periods;
    double total_minor = 0;  // the sum of the present values
};

SimpleClv simple_clv(const SimpleSettings& settings);

}  // namespace moshtari::value
