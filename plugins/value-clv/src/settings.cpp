#include "settings.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "moshtari/error.hpp"
#include "moshtari/money.hpp"

namespace moshtari::value {

namespace {

// A number in [minimum, maximum]; `what` says what it means, for the message.
double read_number(const ConfigSection& section, std::string_view key, double fallback,
                   double minimum, double maximum, std::string_view what) {
    const double value = section.get<double>(key, fallback);
    if (!(value >= minimum && value <= maximum)) {
        section.fail(key, fmt::format("expected {} between {} and {}, got {}", what, minimum,
                                      maximum, value));
    }
    return value;
}

double require_number(const ConfigSection& section, std::string_view key, double minimum,
                      double maximum, std::string_view what) {
    section.require<double>(key);
    return read_number(section, key, 0, minimum, maximum, what);
}

int read_horizon(const ConfigSection& section, int fallback) {
    const int horizon = section.get<int>("horizon", fallback);
    if (horizon < 1 || horizon > 10000) {
        section.fail("horizon",
                     fmt::format("expected a number of periods from 1 to 10000, got {}", horizon));
    }
    return horizon;
}

std::string read_currency(const ConfigSection& section) {
    const auto currency = section.require<std::string>("currency");
    try {
        minor_unit_digits(currency);
    } catch (const UserError& e) {
        section.fail("currency", e.what());
    }
    return currency;
}

double read_money_minor(const ConfigSection& section, std::string_view key,
                        const std::string& currency) {
    try {
        const Money money = parse_money(section.require<std::string>(key), currency);
        if (money.minor_units <= 0) section.fail(key, "expected an amount above zero");
        return static_cast<double>(money.minor_units);
    } catch (const ConfigError&) {
        throw;
    } catch (const UserError& e) {
        section.fail(key, fmt::format("{}; write an amount such as \"12.50\"", e.what()));
    }
}

SimpleSettings read_simple(const ConfigSection& section) {
    section.allow_only({"currency", "margin_per_order", "margin_rate", "order_value",
                        "purchases_per_period", "retention_rate", "discount_rate", "inflation_rate",
                        "horizon", "period"});
    SimpleSettings simple;
    simple.currency = read_currency(section);
    if (section.has("margin_per_order") == section.has("margin_rate")) {
        section.fail("",
                     "give the margin either as margin_per_order (an amount) or as "
                     "margin_rate (a share) with order_value, not both and not neither");
    }
    if (section.has("margin_per_order")) {
        if (section.has("order_value")) {
            section.fail("order_value",
                         "goes with margin_rate; margin_per_order is the margin "
                         "itself");
        }
        simple.margin_per_order_minor =
            read_money_minor(section, "margin_per_order", simple.currency);
    } else {
        const double rate = require_number(section, "margin_rate", 0, 1, "a share of the order");
        simple.margin_per_order_minor =
            rate * read_money_minor(section, "order_value", simple.currency);
    }
    simple.purchases_per_period =
        require_number(section, "purchases_per_period", 0, 1e6, "orders per period");
    simple.retention_rate = require_number(section, "retention_rate", 0, 1, "a share");
    simple.discount_rate = read_number(section, "discount_rate", 0, 0, 10, "a rate per period");
    simple.inflation_rate =
        read_number(section, "inflation_rate", 0, -0.99, 10, "a rate per period");
    simple.horizon = read_horizon(section, 10);
    simple.period = section.get<std::string>("period", "year");
    if (simple.period.empty()) section.fail("period", "expected a name such as year or month");
    return simple;
}

ProbabilisticSettings read_probabilistic(const ConfigSection& section) {
    section.allow_only(
        {"currency", "period", "calibration_end", "horizon", "discount_rate", "margin", "refit"});
    ProbabilisticSettings settings;
    settings.currency = read_currency(section);
    const auto period = section.get<std::string>("period", "weeks");
    if (period == "days") {
        settings.period = PeriodUnit::days;
    } else if (period != "weeks") {
        section.fail("period", fmt::format("'{}' is not one of weeks, days", period));
    }
    if (section.has("calibration_end")) {
        const auto text = section.get<std::string>("calibration_end", "");
        settings.calibration_end = parse_date(text);
        if (!settings.calibration_end) {
            section.fail("calibration_end",
                         fmt::format("'{}' is not a date; write YYYY-MM-DD", text));
        }
    }
    settings.horizon = read_horizon(section, settings.horizon);
    settings.discount_rate = read_number(section, "discount_rate", 0, 0, 1, "a rate per period");
    settings.margin = read_number(section, "margin", 1, 0, 1, "a share of the spend");
    const auto refit = section.get<std::string>("refit", "never");
    if (refit != "never" && refit != "daily") {
        section.fail("refit", fmt::format("'{}' is not one of never, daily", refit));
    }
    settings.refit_daily = refit == "daily";
    if (settings.refit_daily && settings.calibration_end) {
        section.fail("refit",
                     "a daily fit moves the calibration end every day; remove "
                     "calibration_end or set refit: never");
    }
    return settings;
}

std::vector<double> read_tiers(const ConfigSection& section) {
    std::vector<double> tiers;
    for (const auto& text : section.get<std::vector<std::string>>("tiers", {"1", "5", "20"})) {
        char* end = nullptr;
        const double share = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !(share > 0 && share < 100)) {
            section.fail("tiers",
                         fmt::format("'{}' is not a percentage above 0 and below 100", text));
        }
        if (!tiers.empty() && share <= tiers.back()) {
            section.fail("tiers", "expected ascending percentages, such as [1, 5, 20]");
        }
        tiers.push_back(share);
    }
    return tiers;
}

}  // namespace

const SimpleSettings& Settings::simple_or_throw() const {
    if (!simple) {
        throw UserError(
            "the simple CLV is not configured; add value-clv.simple to moshtari.yaml (currency, "
            "margin_per_order, purchases_per_period, retention_rate, ...)");
    }
    return *simple;
}

const ProbabilisticSettings& Settings::probabilistic_or_throw() const {
    if (!probabilistic) {
        throw UserError(
            "the probabilistic CLV is not configured; add value-clv.probabilistic to "
            "moshtari.yaml with at least its currency");
    }
    return *probabilistic;
}

double days_per(PeriodUnit unit) {
    return unit == PeriodUnit::weeks ? 7.0 : 1.0;
}

const char* to_string(PeriodUnit unit) {
    return unit == PeriodUnit::weeks ? "weeks" : "days";
}

Settings read_settings(const ConfigSection& section) {
    section.allow_only({"simple", "probabilistic", "tiers"});
    Settings settings;
    if (section.has("simple")) settings.simple = read_simple(section.child("simple"));
    if (section.has("probabilistic")) {
        settings.probabilistic = read_probabilistic(section.child("probabilistic"));
    }
    settings.tiers = read_tiers(section);
    return settings;
}

}  // namespace moshtari::value
