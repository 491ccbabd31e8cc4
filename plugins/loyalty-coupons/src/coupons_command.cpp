#include "coupons_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "issuing.hpp"
#include "moshtari/error.hpp"
#include "moshtari/table.hpp"
#include "moshtari/workspace.hpp"
#include "redemption.hpp"
#include "report.hpp"

namespace moshtari::coupons {

namespace {

struct Options {
    std::string campaign;
    std::string code;
    OrderId order = 0;
    std::string by = "cli";
    bool json = false;
};

void add_json(CLI::App& command, Options& options) {
    command.add_flag("--json", options.json, "Print JSON instead of text");
}

void add_campaign(CLI::App& command, Options& options) {
    command.add_option("--campaign", options.campaign, "The campaign's id")->required();
    command.add_option("--by", options.by, "Who gives the codes out, for the record")
        ->capture_default_str();
}

void add_code_and_order(CLI::App& command, Options& options) {
    command.add_option("code", options.code, "The code as typed; case and dashes do not matter")
        ->required();
    command.add_option("--order", options.order, "The order's id")
        ->required()
        ->check(CLI::PositiveNumber);
}

std::string money(std::int64_t minor, const std::string& currency) {
    return format_money(Money{minor, currency});
}

void add_create(CLI::App& coupons, Workspace& workspace, const Settings& settings) {
    auto* command = coupons.add_subcommand(
        "create",
        "Create codes anyone may use (flyers, partners), each as often as the campaign's "
        "uses_per_code allows");
    auto options = std::make_shared<Options>();
    auto count = std::make_shared<std::size_t>(1);
    add_campaign(*command, *options);
    command->add_option("--count", *count, "How many codes")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    add_json(*command, *options);
    command->callback([&workspace, &settings, options, count] {
        const Campaign& campaign = settings.campaign(options->campaign);
        Table table{{"coupon", "campaign", "code"}, {}};
        for (const auto& coupon :
             create_codes(workspace, settings, campaign, *count, options->by, now())) {
            table.rows.push_back({coupon.id, coupon.campaign, settings.shown(coupon.code)});
        }
        table.print(std::cout, options->json);
    });
}

void add_issue(CLI::App& coupons, Workspace& workspace, const Settings& settings) {
    auto* command = coupons.add_subcommand(
        "issue",
        "Give a customer, everyone with a tag, or everyone in a lifecycle stage their own "
        "code; a customer who has one keeps it");
    auto options = std::make_shared<Options>();
    auto audience = std::make_shared<Audience>();
    add_campaign(*command, *options);
    auto* customer = command->add_option("--customer", audience->customer, "One customer's id")
                         ->check(CLI::PositiveNumber);
    auto* tag = command->add_option("--tag", audience->tag, "Every customer with this tag");
    auto* stage = command->add_option("--stage", audience->stage,
                                      "Every customer in this lifecycle stage (at-risk, ...)");
    customer->excludes(tag, stage);
    tag->excludes(stage);
    command->require_option(1, 3);
    add_json(*command, *options);
    command->callback([&workspace, &settings, options, audience] {
        const Campaign& campaign = settings.campaign(options->campaign);
        const auto issued = issue(workspace, settings, campaign, *audience, options->by, now());
        Table table{{"customer", "campaign", "code", "issued_at", "new"}, {}};
        std::size_t fresh = 0;
        for (const auto& [coupon, is_new] : issued) {
            table.rows.push_back({*coupon.customer, coupon.campaign, settings.shown(coupon.code),
                                  format_time(coupon.issued_at), is_new});
            fresh += is_new ? 1 : 0;
        }
        table.print(std::cout, options->json);
        if (!options->json) {
            std::cout << fmt::format(
                "Issued {} new codes of '{}'; {} of the customers already "
                "had one\n",
                fresh, campaign.id, issued.size() - fresh);
        }
    });
}

void add_validate(CLI::App& coupons, Workspace& workspace, const Settings& settings) {
    auto* command = coupons.add_subcommand(
        "validate",
        "Say whether a code may be used on an order and what it takes off; changes "
        "nothing. Exits 1 when it may not");
    auto options = std::make_shared<Options>();
    add_code_and_order(*command, *options);
    add_json(*command, *options);
    command->callback([&workspace, &settings, options] {
        const Verdict v = check(workspace, settings, options->code, options->order, now());
        const std::string currency = v.campaign ? v.campaign->currency : "";
        if (options->json) {
            std::cout << nlohmann::json{{"code", settings.shown(v.code)},
                                        {"order", options->order},
                                        {"campaign", v.campaign ? v.campaign->id : ""},
                                        {"valid", v.valid()},
                                        {"reason", v.reason},
                                        {"discount_minor", v.discount_minor},
                                        {"discount", money(v.discount_minor, currency)}}
                             .dump()
                      << '\n';
            if (!v.valid()) throw CLI::RuntimeError(1);
            return;
        }
        if (!v.valid()) {
            throw UserError(fmt::format("coupon {} cannot be used on order #{}: {}",
                                        settings.shown(v.code), options->order, v.reason));
        }
        std::cout << fmt::format("Coupon {} ({}, {}) takes {} off order #{}\n",
                                 settings.shown(v.code), v.campaign->id, v.campaign->describe(),
                                 money(v.discount_minor, currency), options->order);
    });
}

void add_redeem(CLI::App& coupons, Workspace& workspace, const Settings& settings) {
    auto* command = coupons.add_subcommand(
        "redeem", "Use a code on an order: checked and recorded in one transaction");
    auto options = std::make_shared<Options>();
    add_code_and_order(*command, *options);
    add_json(*command, *options);
    command->callback([&workspace, &settings, options] {
        const Redemption r = redeem(workspace, settings, options->code, options->order, now());
        if (options->json) {
            std::cout << nlohmann::json{{"redemption", r.id},
                                        {"code", settings.shown(r.code)},
                                        {"campaign", r.campaign},
                                        {"order", r.order},
                                        {"customer", r.customer ? nlohmann::json(*r.customer)
                                                                : nlohmann::json(nullptr)},
                                        {"discount_minor", r.discount_minor},
                                        {"discount", money(r.discount_minor, r.currency)},
                                        {"redeemed_at", format_time(r.at)}}
                             .dump()
                      << '\n';
            return;
        }
        std::cout << fmt::format("Redeemed {} on order #{}: {} off (redemption #{})\n",
                                 settings.shown(r.code), r.order,
                                 money(r.discount_minor, r.currency), r.id);
    });
}

void add_report(CLI::App& coupons, Workspace& workspace, const Settings& settings) {
    auto* command = coupons.add_subcommand(
        "report",
        "Per campaign: codes issued and created, redeemed with the total discount, "
        "released by cancelled orders, expired unredeemed");
    auto options = std::make_shared<Options>();
    add_json(*command, *options);
    command->callback([&workspace, &settings, options] {
        Table table{{"campaign", "terms", "issued", "created", "redeemed", "discount",
                     "discount_minor", "currency", "released", "expired_unredeemed"},
                    {}};
        for (const auto& f : report(workspace.database(), settings, now())) {
            table.rows.push_back({f.campaign, f.terms, f.issued, f.created, f.redeemed,
                                  money(f.discount_minor, f.currency), f.discount_minor, f.currency,
                                  f.released, f.expired_unredeemed});
        }
        table.print(std::cout, options->json);
    });
}

}  // namespace

Command coupons_command(Workspace& workspace, const Settings& settings) {
    return Command{"coupons", "Coupon campaigns: create and issue codes, validate, redeem, report",
                   [&workspace, &settings](CLI::App& command) {
                       command.require_subcommand(1);
                       add_create(command, workspace, settings);
                       add_issue(command, workspace, settings);
                       add_validate(command, workspace, settings);
                       add_redeem(command, workspace, settings);
                       add_report(command, workspace, settings);
                   }};
}

}  // namespace moshtari::coupons
