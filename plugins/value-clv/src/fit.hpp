#pragma once
// One probabilistic fit: the customers' summaries up to the calibration end, the BG/NBD and
// Gamma-Gamma models fitted to them, every customer valued and ranked into tiers.

#include <nlohmann/json.hpp>
#include <vector>

#include "bg_nbd.hpp"
#include "gamma_gamma.hpp"
#include "settings.hpp"
#include "valuation.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::value {

struct Fit {
    std::int64_t id = 0;  // 0 until stored
    Date as_of{};         // the calibration end: orders up to and including this day count
    ProbabilisticSettings settings{};
    std::vector<double> tiers{};
    BgNbdFit purchases{};
    GammaGammaFit spend{};
    Timestamp fitted_at{};
    std::vector<CustomerValue> values{};  // by customer id, each with its rank and tier

    // The models' parameters and the settings they were used with, as stored with the fit.
    nlohmann::json parameters() const;
};

// Reads the store, fits and values; writes nothing. UserError when there is nothing to fit.
Fit compute_fit(Database& db, const ProbabilisticSettings& settings,
                const std::vector<double>& tiers, Date as_of);

}  // namespace moshtari::value
