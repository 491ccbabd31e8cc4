#include "value_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <memory>

#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/money.hpp"
#include "moshtari/table.hpp"
#include "moshtari/workspace.hpp"
#include "simple_clv.hpp"
#include "tiers.hpp"

namespace moshtari::value {

namespace {

std::string money(double minor, const std::string& currency) {
    return format_money(Money{std::llround(minor), currency});
}

StoredFit latest_or_throw(const FitStore& store) {
    auto fit = store.latest();
    if (!fit) throw UserError("there is no fit yet; run `moshtari value fit` first");
    return *fit;
}

Date fit_date(const std::string& option, const ProbabilisticSettings& settings) {
    const Date today{std::chrono::floor<std::chrono::days>(now())};
    if (option.empty()) return settings.calibration_end.value_or(today);
    const Date date = parse_date_or_throw(option, "--as-of");
    if (std::chrono::sys_days{date} > std::chrono::sys_days{today}) {
        throw UserError(fmt::format(
            "--as-of {} is in the future; the models can only learn from days that have passed",
            option));
    }
    return date;
}

void print_fit(const Fit& fit, const std::vector<std::pair<std::string, std::int64_t>>& tiers,
               bool json) {
    if (json) {
        nlohmann::json counts = nlohmann::json::array();
        for (const auto& [name, count] : tiers) {
            counts.push_back({{"tier", name}, {"customers", count}});
        }
        std::cout << nlohmann::json{{"fit", fit.id},
                                    {"as_of", format_date(fit.as_of)},
                                    {"customers", fit.values.size()},
                                    {"parameters", fit.parameters()},
                                    {"tiers", counts}}
                         .dump()
                  << '\n';
        return;
    }
    const BgNbd& b = fit.purchases.model;
    const GammaGamma& g = fit.spend.model;
    std::cout << fmt::format("Fit #{} as of {}: {} customers, orders in {}, times in {}\n", fit.id,
                             format_date(fit.as_of), fit.values.size(), fit.settings.currency,
                             to_string(fit.settings.period));
    std::cout << fmt::format(
        "  purchases (BG/NBD): r = {:.4f}, alpha = {:.4f}, a = {:.4f}, b = {:.4f}, "
        "log-likelihood {:.2f}\n",
        b.r, b.alpha, b.a, b.b, fit.purchases.log_likelihood);
    std::cout << fmt::format(
        "  spend (Gamma-Gamma, {} customers with repeat purchases): p = {:.4f}, q = {:.4f}, "
        "gamma = {:.4f}, log-likelihood {:.2f}\n",
        fit.spend.customers, g.p, g.q, g.gamma, fit.spend.log_likelihood);
    for (const auto& [model, stopped] : {std::pair{"BG/NBD", fit.purchases.stopped},
                                         std::pair{"Gamma-Gamma", fit.spend.stopped}}) {
        if (stopped.empty()) continue;
        std::cout << fmt::format(
            "  warning: the {} fit did not converge ({}); its estimates are the best point "
            "found, usually a parameter heading for infinity on data that cannot pin it down\n",
            model, stopped);
    }
    std::cout << "  tiers:";
    for (const auto& [name, count] : tiers) std::cout << fmt::format(" {} {},", name, count);
    std::cout << fmt::format(" horizon {} {}\n", fit.settings.horizon,
                             to_string(fit.settings.period));
}

void add_fit(CLI::App& value, Workspace& workspace, FitStore& store, const Settings& settings) {
    auto* command = value.add_subcommand(
        "fit", "Fit BG/NBD and Gamma-Gamma to the orders and value every customer");
    auto as_of = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    command->add_option("--as-of,--calibration-end", *as_of,
                        "Orders up to and including this day (YYYY-MM-DD) count (default: "
                        "probabilistic.calibration_end, else today)");
    command->add_flag("--json", *json, "Print JSON");
    command->callback([&workspace, &store, &settings, as_of, json] {
        const auto& probabilistic = settings.probabilistic_or_throw();
        Fit fit = compute_fit(workspace.database(), probabilistic, settings.tiers,
                              fit_date(*as_of, probabilistic));
        store.save(fit);
        // The counts of what was just stored, from memory: counting them back from the table
        // scanned a million rows once per tier.
        print_fit(fit, count_tiers(fit.values, fit.tiers), *json);
    });
}

void add_show(CLI::App& value, Workspace& workspace, const FitStore& store) {
    auto* command = value.add_subcommand("show", "One customer's value in the latest fit");
    auto id = std::make_shared<CustomerId>(0);
    auto json = std::make_shared<bool>(false);
    command->add_option("id", *id, "The customer's id")->required()->check(CLI::PositiveNumber);
    command->add_flag("--json", *json, "Print JSON");
    command->callback([&workspace, &store, id, json] {
        workspace.customers().get(*id);  // names an unknown id
        const StoredFit fit = latest_or_throw(store);
        const auto found = store.value_of(fit.id, *id);
        if (!found) {
            throw UserError(fmt::format(
                "customer #{} has no value in fit #{} (as of {}): they had no order in {} on or "
                "before that day",
                *id, fit.id, fit.as_of, fit.parameters.value("currency", "")));
        }
        if (*json) {
            std::cout << to_json(*found).dump() << '\n';
            return;
        }
        const CustomerValue& v = found->value;
        const std::string unit = fit.parameters.value("period", "");
        std::cout << fmt::format("Customer #{} {}: fit #{} as of {}, rank {} of {}, {}\n", v.id,
                                 found->name, fit.id, fit.as_of, v.rank, fit.customers, v.tier);
        std::cout << fmt::format(
            "  history: {} repeat transactions, the last {:.2f} {} after the first, which was "
            "{:.2f} {} before the calibration end; average repeat spend {:.2f} {}\n",
            v.history.x, v.history.t_x, unit, v.history.T, unit, v.average_spend, found->currency);
        std::cout << fmt::format(
            "  P(alive) {:.4f}; expected purchases in the next {} {}: {:.4f}; expected spend per "
            "purchase {:.2f} {}\n",
            v.p_alive, fit.parameters.value("horizon", 0), unit, v.expected_purchases,
            v.expected_spend, found->currency);
        std::cout << fmt::format("  CLV {}\n",
                                 money(static_cast<double>(v.clv_minor), found->currency));
    });
}

void add_top(CLI::App& value, const FitStore& store) {
    auto* command =
        value.add_subcommand("top", "The customers with the highest CLV in the latest fit");
    auto limit = std::make_shared<std::size_t>(10);
    auto json = std::make_shared<bool>(false);
    command->add_option("n", *limit, "How many")->capture_default_str()->check(CLI::PositiveNumber);
    command->add_flag("--json", *json, "Print JSON");
    command->callback([&store, limit, json] {
        const StoredFit fit = latest_or_throw(store);
        Table table{{"rank", "customer", "name", "clv", "tier", "p_alive", "expected_purchases",
                     "expected_spend"},
                    {}};
        for (const auto& s : store.top(fit.id, *limit)) {
            const CustomerValue& v = s.value;
            table.rows.push_back(
                {v.rank, v.id, s.name, money(static_cast<double>(v.clv_minor), s.currency), v.tier,
                 std::round(v.p_alive * 1e4) / 1e4, std::round(v.expected_purchases * 1e4) / 1e4,
                 std::round(v.expected_spend * 100) / 100});
        }
        table.print(std::cout, *json);
    });
}

void add_simple(CLI::App& value, const Settings& settings) {
    auto* command =
        value.add_subcommand("simple", "The simple CLV from value-clv.simple, period by period");
    auto json = std::make_shared<bool>(false);
    command->add_flag("--json", *json, "Print JSON");
    command->callback([&settings, json] {
        const SimpleSettings& s = settings.simple_or_throw();
        const SimpleClv clv = simple_clv(s);
        Table table{{s.period, "survival", "margin", "present_value"}, {}};
        for (const auto& p : clv.periods) {
            table.rows.push_back({p.period, std::round(p.survival * 1e6) / 1e6,
                                  money(p.margin_minor, s.currency),
                                  money(p.discounted_minor, s.currency)});
        }
        if (*json) {
            std::cout << nlohmann::json{{"currency", s.currency},
                                        {"period", s.period},
                                        {"periods", table.to_json()},
                                        {"clv_minor", std::llround(clv.total_minor)},
                                        {"clv", money(clv.total_minor, s.currency)}}
                             .dump()
                      << '\n';
            return;
        }
        table.print_text(std::cout);
        std::cout << fmt::format("CLV over {} {}s: {}\n", s.horizon, s.period,
                                 money(clv.total_minor, s.currency));
    });
}

}  // namespace

Command value_command(Workspace& workspace, FitStore& store, const Settings& settings) {
    return Command{"value", "Customer lifetime value: fit the models, show and rank customers",
                   [&workspace, &store, &settings](CLI::App& command) {
                       command.require_subcommand(1);
                       add_fit(command, workspace, store, settings);
                       add_show(command, workspace, store);
                       add_top(command, store);
                       add_simple(command, settings);
                   }};
}

}  // namespace moshtari::value
