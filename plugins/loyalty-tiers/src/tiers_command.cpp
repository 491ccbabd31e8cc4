#include "tiers_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "evaluation.hpp"
#include "membership.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/error.hpp"
#include "moshtari/table.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::tiers {

namespace {

struct Options {
    CustomerId customer = 0;
    std::string programme;
    std::string as_of;
    bool dry_run = false;
    bool json = false;
};

// "earn x1.5, 5% off, free shipping, priority support, delivery in 1 day, lounge: yes".
std::string describe(const Benefits& b) {
    std::vector<std::string> parts;
    if (b.earn_multiplier != "1") parts.push_back("earn x" + b.earn_multiplier);
    if (b.discount_percent != "0") parts.push_back(b.discount_percent + "% off");
    if (b.free_shipping) parts.emplace_back("free shipping");
    if (b.priority_support) parts.emplace_back("priority support");
    if (b.delivery_days) {
        parts.push_back(fmt::format("delivery in {} day{}", *b.delivery_days,
                                    *b.delivery_days == 1 ? "" : "s"));
    }
    for (const auto& [key, value] : b.extra.items()) {
        parts.push_back(fmt::format("{}: {}", key, value.get<std::string>()));
    }
    return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

const Tier* tier_named(const Programme& programme, const std::string& id) {
    const int rank = programme.rank_of(id);
    return rank < 0 ? nullptr : &programme.tiers[rank];
}

// The tier above the one `member` holds, or nullptr at the top.
const Tier* next_tier(const Programme& programme, const Member& member) {
    const auto next = static_cast<std::size_t>(programme.rank_of(member.standing.tier) + 1);
    return next < programme.tiers.size() ? &programme.tiers[next] : nullptr;
}

nlohmann::json standing_json(const Programme& programme, const std::optional<Member>& member,
                             const std::vector<HistoryEntry>& history) {
    nlohmann::json json{{"programme", programme.id}, {"by", to_string(programme.basis)}};
    if (!member) {
        json["tier"] = nullptr;
        return json;
    }
    const Tier* tier = tier_named(programme, member->standing.tier);
    const Tier* next = next_tier(programme, *member);
    json.update({{"tier", member->standing.tier},
                 {"since", format_time(member->standing.since)},
                 {"qualifying", member->qualifying},
                 {"qualifying_text", programme.format_value(member->qualifying)},
                 {"evaluated_at", format_time(member->evaluated_at)},
                 {"grace_ends_at", optional_time(member->standing.grace_ends)},
                 {"benefits", tier ? tier->benefits.to_json() : nlohmann::json::object()},
                 {"next_tier", next ? nlohmann::json(next->id) : nullptr},
                 {"next_threshold", next ? nlohmann::json(next->threshold) : nullptr},
                 {"to_next", next ? nlohmann::json(std::max<std::int64_t>(
                                        next->threshold - member->qualifying, 0))
                                  : nullptr}});
    json["history"] = nlohmann::json::array();
    for (const auto& h : history) json["history"].push_back(to_json(h));
    return json;
}

void print_standing(const Programme& programme, CustomerId customer,
                    const std::optional<Member>& member, const std::vector<HistoryEntry>& history) {
    if (!member) {
        std::cout << fmt::format(
            "customer #{} in '{}': not evaluated yet; `moshtari tiers evaluate --customer {}` "
            "does it now\n",
            customer, programme.id, customer);
        return;
    }
    const Standing& s = member->standing;
    std::cout << fmt::format("customer #{} in '{}': {} since {}\n", customer, programme.id,
                             s.tier.empty() ? "no tier" : s.tier, format_time(s.since));
    std::cout << fmt::format("  qualifying: {} ({}) in the {} days to {}\n",
                             programme.format_value(member->qualifying), to_string(programme.basis),
                             programme.window_days, format_time(member->evaluated_at));
    if (const Tier* next = next_tier(programme, *member)) {
        std::cout << fmt::format("  next tier: {} at {}, {} to go\n", next->id,
                                 programme.format_value(next->threshold),
                                 programme.format_value(std::max<std::int64_t>(
                                     next->threshold - member->qualifying, 0)));
    } else {
        std::cout << "  next tier: none, this is the highest\n";
    }
    if (s.grace_ends) {
        std::cout << fmt::format(
            "  grace: below {}; demoted at the first evaluation from {} on unless they reach it "
            "again\n",
            s.tier, format_time(*s.grace_ends));
    }
    if (const Tier* tier = tier_named(programme, s.tier)) {
        std::cout << fmt::format("  benefits: {}\n", describe(tier->benefits));
    }
    Table table{{"at", "from", "to", "reason", "qualifying"}, {}};
    for (const auto& h : history) {
        table.rows.push_back({format_time(h.at), h.from.empty() ? "-" : h.from,
                              h.to.empty() ? "-" : h.to, h.reason,
                              programme.format_value(h.qualifying)});
    }
    table.print_text(std::cout);
}

void show_customer(Workspace& workspace, const Settings& settings, const Options& options) {
    workspace.customers().get(options.customer);  // names an id that is not a customer
    nlohmann::json all = nlohmann::json::array();
    for (const Programme* programme : settings.select(options.programme)) {
        const auto member = find_member(workspace.database(), programme->id, options.customer);
        const auto history = history_of(workspace.database(), options.customer, programme->id);
        if (options.json) {
            all.push_back(standing_json(*programme, member, history));
        } else {
            print_standing(*programme, options.customer, member, history);
        }
    }
    if (options.json) {
        std::cout << nlohmann::json{{"customer", options.customer}, {"programmes", all}}.dump()
                  << '\n';
    }
}

void show_programmes(Workspace& workspace, const Settings& settings, const Options& options) {
    nlohmann::json all = nlohmann::json::array();
    for (const Programme* programme : settings.select(options.programme)) {
        auto sizes = tier_sizes(workspace.database(), programme->id);
        Table table{{"tier", "name", "threshold", "members", "benefits"}, {}};
        nlohmann::json tiers = nlohmann::json::array();
        for (const Tier& tier : programme->tiers) {
            const std::int64_t members = sizes.contains(tier.id) ? sizes[tier.id] : 0;
            table.rows.push_back({tier.id, tier.name, programme->format_value(tier.threshold),
                                  members, describe(tier.benefits)});
            tiers.push_back({{"tier", tier.id},
                             {"name", tier.name},
                             {"threshold", tier.threshold},
                             {"threshold_text", programme->format_value(tier.threshold)},
                             {"members", members},
                             {"benefits", tier.benefits.to_json()}});
        }
        const std::int64_t without = sizes.contains("") ? sizes[""] : 0;
        if (options.json) {
            all.push_back({{"programme", programme->id},
                           {"by", to_string(programme->basis)},
                           {"currency", programme->currency},
                           {"window_days", programme->window_days},
                           {"grace_days", programme->grace_days},
                           {"tiers", tiers},
                           {"without_tier", without}});
            continue;
        }
        std::cout << fmt::format(
            "programme '{}': {} in the last {} days, grace {} days\n", programme->id,
            programme->basis == Basis::spend
                ? fmt::format("spend in {}", programme->currency)
                : fmt::format("points earned in '{}'", programme->points_programme),
            programme->window_days, programme->grace_days);
        table.print_text(std::cout);
        if (without > 0) std::cout << fmt::format("{} customers reach no tier\n", without);
    }
    if (options.json) std::cout << all.dump() << '\n';
}

void add_show(CLI::App& tiers, Workspace& workspace, const Settings& settings) {
    auto* command = tiers.add_subcommand(
        "show", "A customer's tier, progress, grace and history; without an id, every tier");
    auto options = std::make_shared<Options>();
    command->add_option("customer", options->customer, "The customer's id")
        ->check(CLI::PositiveNumber);
    command->add_option("--programme", options->programme, "Only this programme (default: all)");
    command->add_flag("--json", options->json, "Print JSON instead of text");
    command->callback([&workspace, &settings, options] {
        if (options->customer != 0) {
            show_customer(workspace, settings, *options);
        } else {
            show_programmes(workspace, settings, *options);
        }
    });
}

Timestamp evaluation_time(const Options& options) {
    const Timestamp now_ = now();
    if (options.as_of.empty()) return now_;
    const Timestamp at = parse_time_or_throw(options.as_of, "--as-of");
    if (at > now_ && !options.dry_run) {
        throw UserError(fmt::format(
            "--as-of {} is in the future; add --dry-run to see what would change by then",
            options.as_of));
    }
    return at;
}

void print_evaluation(const Options& options, Timestamp as_of, const Table& table,
                      const std::map<Change, std::size_t>& counts, std::size_t evaluated,
                      std::size_t skipped) {
    if (options.json) {
        std::cout << nlohmann::json{{"dry_run", options.dry_run},
                                    {"as_of", format_time(as_of)},
                                    {"evaluated", evaluated},
                                    {"skipped", skipped},
                                    {"changes", table.to_json()}}
                         .dump()
                  << '\n';
        return;
    }
    table.print_text(std::cout);
    const auto count = [&](Change c) { return counts.contains(c) ? counts.at(c) : 0; };
    std::cout << fmt::format("{} {}, {} {}, {} entered grace; {} customers evaluated as of {}",
                             options.dry_run ? "Would promote" : "Promoted",
                             count(Change::promoted), options.dry_run ? "would demote" : "demoted",
                             count(Change::demoted), count(Change::grace_started), evaluated,
                             format_time(as_of));
    if (skipped > 0) {
        std::cout << fmt::format("; {} evaluated as of a later time already, left as they are",
                                 skipped);
    }
    std::cout << '\n';
}

void add_evaluate(CLI::App& tiers, Workspace& workspace, const Settings& settings) {
    auto* command = tiers.add_subcommand(
        "evaluate", "Evaluate tiers now (or as of a date); prints promotions and demotions");
    auto options = std::make_shared<Options>();
    command->add_option("--as-of", options->as_of,
                        "YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now); a future time only with "
                        "--dry-run");
    command->add_option("--customer", options->customer, "Only this customer (default: everyone)")
        ->check(CLI::PositiveNumber);
    command->add_option("--programme", options->programme, "Only this programme (default: all)");
    command->add_flag("--dry-run", options->dry_run, "Show what would change, write nothing");
    command->add_flag("--json", options->json, "Print JSON instead of text");
    command->callback([&workspace, &settings, options] {
        const Timestamp as_of = evaluation_time(*options);
        if (options->customer != 0) workspace.customers().get(options->customer);
        const Scope scope =
            options->customer != 0 ? Scope::of_customer(options->customer) : Scope::everyone();
        Table table{{"programme", "customer", "change", "from", "to", "qualifying",
                     "qualifying_value", "grace_ends_at"},
                    {}};
        std::map<Change, std::size_t> counts;
        std::size_t evaluated = 0;
        std::size_t skipped = 0;
        std::optional<Transaction>
            tx;  // every programme's changes at once; a dry run locks nothing
        if (!options->dry_run) tx.emplace(workspace.database());
        for (const Programme* programme : settings.select(options->programme)) {
            const Evaluation result =
                evaluate(workspace, *programme, as_of, scope, "evaluate", options->dry_run);
            evaluated += result.evaluated;
            skipped += result.skipped;
            for (const auto& o : result.outcomes) {
                ++counts[o.change];
                table.rows.push_back({programme->id, o.customer, to_string(o.change),
                                      o.from.empty() ? "-" : o.from, o.to.empty() ? "-" : o.to,
                                      programme->format_value(o.qualifying), o.qualifying,
                                      optional_time(o.grace_ends)});
            }
        }
        if (tx) tx->commit();
        print_evaluation(*options, as_of, table, counts, evaluated, skipped);
    });
}

}  // namespace

Command tiers_command(Workspace& workspace, const Settings& settings) {
    return Command{"tiers", "Loyalty tiers: a customer's tier and progress, evaluating tiers",
                   [&workspace, &settings](CLI::App& command) {
                       command.require_subcommand(1);
                       add_show(command, workspace, settings);
                       add_evaluate(command, workspace, settings);
                   }};
}

}  // namespace moshtari::tiers
