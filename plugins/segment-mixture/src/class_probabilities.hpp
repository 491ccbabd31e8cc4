#pragma once
// A customer's class probabilities from their log(weight) + log density per class, the step EM
// and the final memberships share.

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace moshtari::mixture {

// Replaces joint[0..k) by the normalised exponentials and returns their log-sum-exp: the
// customer's log-likelihood. Shifted by the largest term, so that no exponential overflows.
inline double to_probabilities(double* joint, std::size_t k) {
    double top = joint[0];
    for (std::size_t g = 1; g < k; ++g) top = std::max(top, joint[g]);
    double total = 0;
    for (std::size_t g = 0; g < k; ++g) total += joint[g] = std::exp(joint[g] - top);
    for (std::size_t g = 0; g < k; ++g) joint[g] /= total;
    return top + std::log(total);
}

}  // namespace moshtari::mixture
