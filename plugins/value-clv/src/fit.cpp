#include "fit.hpp"

#include <fmt/format.h>

#include <cmath>

#include "customer_summary.hpp"
#include "moshtari/error.hpp"
#include "moshtari/money.hpp"
#include "tiers.hpp"

namespace moshtari::value {

nlohmann::json Fit::parameters() const {
    const BgNbd& b = purchases.model;
    const GammaGamma& g = spend.model;
    return {{"bg_nbd",
             {{"r", b.r},
              {"alpha", b.alpha},
              {"a", b.a},
              {"b", b.b},
              {"log_likelihood", purchases.log_likelihood},
              {"converged", purchases.stopped.empty()},
              {"stopped", purchases.stopped}}},
            {"gamma_gamma",
             {{"p", g.p},
              {"q", g.q},
              {"gamma", g.gamma},
              {"log_likelihood", spend.log_likelihood},
              {"customers", spend.customers},
              {"converged", spend.stopped.empty()},
              {"stopped", spend.stopped}}},
            {"currency", settings.currency},
            {"period", to_string(settings.period)},
            {"horizon", settings.horizon},
            {"discount_rate", settings.discount_rate},
            {"margin", settings.margin},
            {"tiers", tiers}};
}

Fit compute_fit(Database& db, const ProbabilisticSettings& settings,
                const std::vector<double>& tiers, Date as_of) {
    const auto customers = summarise_customers(db, settings.currency, as_of);
    if (customers.empty()) {
        throw UserError(fmt::format(
            "no customer has an order in {} on or before {}; the models need order history",
            settings.currency, format_date(as_of)));
    }
    const double days = days_per(settings.period);
    const double minor_per_unit = std::pow(10.0, minor_unit_digits(settings.currency));

    const Histories histories = group_histories(customers, days);
    std::vector<SpendHistory> spends;
    spends.reserve(customers.size());
    for (const auto& c : customers) spends.push_back(spend_history(c, minor_per_unit));

    Fit fit;
    fit.as_of = as_of;
    fit.settings = settings;
    fit.tiers = tiers;
    fit.purchases = fit_bg_nbd(histories.groups);
    fit.spend = fit_gamma_gamma(spends);
    fit.fitted_at = now();
    fit.values = value_customers(customers, histories,
                                 {fit.purchases.model, fit.spend.model, settings.horizon,
                                  settings.discount_rate, settings.margin, days, minor_per_unit});
    assign_tiers(fit.values, tiers);
    return fit;
}

}  // namespace moshtari::value
