#include "loyalty_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "account.hpp"
#include "expiry.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/table.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::loyalty {

namespace {

// What every subcommand shares: whose points, in which programme, who asks, and --json.
struct Common {
    CustomerId customer = 0;
    std::string programme;
    std::string by = "cli";
    bool json = false;
};

void add_programme_and_json(CLI::App& command, Common& common) {
    command.add_option("--programme", common.programme,
                       "The programme's id (default: the only one configured)");
    command.add_flag("--json", common.json, "Print JSON instead of text");
}

void add_customer(CLI::App& command, Common& common) {
    command.add_option("--customer", common.customer, "The customer's id")
        ->required()
        ->check(CLI::PositiveNumber);
}

void add_by(CLI::App& command, Common& common) {
    command.add_option("--by", common.by, "Who does this, for the ledger")->capture_default_str();
}

// The customer must exist: a typo in an id would otherwise open an account for nobody.
void check_customer(Workspace& workspace, CustomerId id) {
    workspace.customers().get(id);
}

nlohmann::json optional_time(Timestamp t) {
    return t == Timestamp{} ? nlohmann::json("") : nlohmann::json(format_time(t));
}

// The entry just written and the customer's balance after it.
void print_entry(Database& db, const Entry& entry, const Programme& programme,
                 std::string_view done, bool json) {
    const std::int64_t balance = Ledger(db).balance(programme.id, entry.customer);
    if (json) {
        std::cout << nlohmann::json{{"entry", entry.id},
                                    {"customer", entry.customer},
                                    {"programme", programme.id},
                                    {"kind", to_string(entry.kind)},
                                    {"cause", entry.cause},
                                    {"points", entry.points},
                                    {"expires_at", optional_time(entry.expires_at)},
                                    {"balance", balance}}
                         .dump()
                  << '\n';
        return;
    }
    std::cout << fmt::format(
        "{} {} points for customer #{} in '{}' (ledger entry #{}); balance {}\n", done,
        std::abs(entry.points), entry.customer, programme.id, entry.id, balance);
}

void add_balance(CLI::App& loyalty, Workspace& workspace, const Settings& settings) {
    auto* command = loyalty.add_subcommand(
        "balance", "A customer's points: the sum of their ledger, and what has lapsed by now");
    auto common = std::make_shared<Common>();
    add_customer(*command, *common);
    add_programme_and_json(*command, *common);
    command->callback([&workspace, &settings, common] {
        check_customer(workspace, common->customer);
        const Programme& programme = settings.programme(common->programme);
        Ledger ledger(workspace.database());
        const std::int64_t balance = ledger.balance(programme.id, common->customer);
        std::int64_t lapsed = 0;
        for (const auto& due :
             due_expiries(ledger.entries(programme.id, common->customer), now())) {
            lapsed += due.points;
        }
        const Money value = programme.value_of(std::max<std::int64_t>(balance - lapsed, 0));
        if (common->json) {
            std::cout << nlohmann::json{{"customer", common->customer},
                                        {"programme", programme.id},
                                        {"points", balance},
                                        {"lapsed", lapsed},
                                        {"value", format_money(value)}}
                             .dump()
                      << '\n';
            return;
        }
        std::cout << fmt::format("customer #{} has {} points in '{}', worth {}", common->customer,
                                 balance, programme.id, format_money(value));
        if (lapsed > 0) {
            std::cout << fmt::format("; {} of them lapsed and go at the next expiry", lapsed);
        }
        std::cout << '\n';
    });
}

void add_history(CLI::App& loyalty, Workspace& workspace, const Settings& settings) {
    auto* command =
        loyalty.add_subcommand("history", "A customer's ledger entries, in the order written");
    auto common = std::make_shared<Common>();
    add_customer(*command, *common);
    add_programme_and_json(*command, *common);
    command->callback([&workspace, &settings, common] {
        check_customer(workspace, common->customer);
        const Programme& programme = settings.programme(common->programme);
        Table table{{"entry", "at", "kind", "points", "balance", "cause", "rule", "order", "by",
                     "note", "expires_at", "shortfall"},
                    {}};
        std::int64_t balance = 0;
        for (const auto& e : Ledger(workspace.database()).entries(programme.id, common->customer)) {
            balance += e.points;
            table.rows.push_back({e.id, format_time(e.at), to_string(e.kind), e.points, balance,
                                  e.cause, e.rule, e.order ? nlohmann::json(*e.order) : "", e.by,
                                  e.note, optional_time(e.expires_at), e.shortfall});
        }
        table.print(std::cout, common->json);
    });
}

void add_earn(CLI::App& loyalty, Workspace& workspace, const Settings& settings) {
    auto* command = loyalty.add_subcommand(
        "earn", "Award a bonus of bonuses.by_hand (a review, a referral), once per reference");
    auto common = std::make_shared<Common>();
    auto bonus = std::make_shared<Bonus>();
    add_customer(*command, *common);
    command->add_option("--bonus", bonus->name, "The bonus's name under bonuses.by_hand")
        ->required();
    command->add_option("--reference", bonus->reference, "What earned it: the review's id, ...")
        ->required();
    add_by(*command, *common);
    add_programme_and_json(*command, *common);
    command->callback([&workspace, &settings, common, bonus] {
        check_customer(workspace, common->customer);
        const Programme& programme = settings.programme(common->programme);
        bonus->customer = common->customer;
        bonus->by = common->by;
        bonus->at = now();
        const Entry entry = award_bonus(workspace.database(), programme, *bonus);
        print_entry(workspace.database(), entry, programme, "Awarded", common->json);
    });
}

void add_redeem(CLI::App& loyalty, Workspace& workspace, const Settings& settings) {
    auto* command = loyalty.add_subcommand(
        "redeem", "Spend points, all or nothing, never below zero, once per reference");
    auto common = std::make_shared<Common>();
    auto redemption = std::make_shared<Redemption>();
    auto amount = std::make_shared<std::string>();
    add_customer(*command, *common);
    auto* points = command->add_option("--points", redemption->points, "How many points")
                       ->check(CLI::PositiveNumber);
    command
        ->add_option("--amount", *amount,
                     "Or the amount to pay with points, like 5.00, at the programme's rate")
        ->excludes(points);
    command
        ->add_option("--reference", redemption->reference,
                     "The checkout or order the points pay for (unique)")
        ->required();
    add_by(*command, *common);
    add_programme_and_json(*command, *common);
    command->callback([&workspace, &settings, common, redemption, amount] {
        check_customer(workspace, common->customer);
        const Programme& programme = settings.programme(common->programme);
        if (!amount->empty()) {
            redemption->points =
                points_for(programme, parse_money(*amount, programme.redeem_value.currency));
        } else if (redemption->points == 0) {
            throw UserError("say how much to redeem: --points N or --amount 5.00");
        }
        redemption->customer = common->customer;
        redemption->by = common->by;
        redemption->at = now();
        const Entry entry = redeem(workspace.database(), programme, *redemption);
        print_entry(workspace.database(), entry, programme, "Redeemed", common->json);
    });
}

void add_adjust(CLI::App& loyalty, Workspace& workspace, const Settings& settings) {
    auto* command = loyalty.add_subcommand(
        "adjust", "Give (positive) or take (negative) points by hand, with the reason");
    auto common = std::make_shared<Common>();
    auto adjustment = std::make_shared<Adjustment>();
    add_customer(*command, *common);
    command->add_option("--points", adjustment->points, "Points to add, or to take when negative")
        ->required();
    command->add_option("--reason", adjustment->reason, "Why, for the ledger")->required();
    command
        ->add_option("--reference", adjustment->reference,
                     "A unique reference (a ticket number), so a retry does not adjust twice")
        ->required();
    add_by(*command, *common);
    add_programme_and_json(*command, *common);
    command->callback([&workspace, &settings, common, adjustment] {
        check_customer(workspace, common->customer);
        const Programme& programme = settings.programme(common->programme);
        adjustment->customer = common->customer;
        adjustment->by = common->by;
        adjustment->at = now();
        const Entry entry = adjust(workspace.database(), programme, *adjustment);
        print_entry(workspace.database(), entry, programme, entry.points > 0 ? "Added" : "Took",
                    common->json);
    });
}

void add_expire(CLI::App& loyalty, Workspace& workspace, const Settings& settings) {
    auto* command = loyalty.add_subcommand(
        "expire", "Record the points that expired by a date, oldest first; safe to run again");
    auto common = std::make_shared<Common>();
    auto as_of = std::make_shared<std::string>();
    auto dry_run = std::make_shared<bool>(false);
    command->add_option("--as-of", *as_of, "YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    command->add_flag("--dry-run", *dry_run, "Show what would expire, write nothing");
    command->add_option("--programme", common->programme, "Only this programme (default: all)");
    command->add_flag("--json", common->json, "Print JSON instead of text");
    command->callback([&workspace, &settings, common, as_of, dry_run] {
        const Timestamp now_ = now();
        const Timestamp at = as_of->empty() ? now_ : parse_time_or_throw(*as_of, "--as-of");
        if (at > now_) {
            throw UserError(fmt::format(
                "--as-of {} is in the future; points expire only once their time has come",
                *as_of));
        }
        if (!common->programme.empty()) settings.programme(common->programme);  // names a typo
        Table table{{"programme", "customer", "lot", "points", "expired_at"}, {}};
        std::int64_t total = 0;
        for (const auto& programme : settings.programmes) {
            if (!common->programme.empty() && programme.id != common->programme) continue;
            for (const auto& due : expire(workspace.database(), programme, at, {}, *dry_run)) {
                table.rows.push_back(
                    {programme.id, due.customer, due.lot, due.points, format_time(due.at)});
                total += due.points;
            }
        }
        if (common->json) {
            std::cout << nlohmann::json{{"dry_run", *dry_run},
                                        {"as_of", format_time(at)},
                                        {"points", total},
                                        {"expired", table.to_json()}}
                             .dump()
                      << '\n';
            return;
        }
        table.print_text(std::cout);
        std::cout << fmt::format("{} {} points in {} lots as of {}\n",
                                 *dry_run ? "Would expire" : "Expired", total, table.rows.size(),
                                 format_time(at));
    });
}

}  // namespace

Command loyalty_command(Workspace& workspace, const Settings& settings) {
    return Command{"loyalty", "Loyalty points: balances, history, bonuses, redemption, expiry",
                   [&workspace, &settings](CLI::App& command) {
                       command.require_subcommand(1);
                       add_balance(command, workspace, settings);
                       add_history(command, workspace, settings);
                       add_earn(command, workspace, settings);
                       add_redeem(command, workspace, settings);
                       add_adjust(command, workspace, settings);
                       add_expire(command, workspace, settings);
                   }};
}

}  // namespace moshtari::loyalty
