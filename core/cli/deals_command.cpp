// `moshtari deals add|move|list|show`.

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/deal_store.hpp"

namespace moshtari::cli {

namespace {

// How long a deal has been in its current stage, and whether that is past the stage's SLA.
struct StageTime {
    std::int64_t days = 0;
    bool overdue = false;
};

StageTime stage_time(const Deal& deal, const std::vector<Pipeline>& pipelines, Timestamp as_of) {
    const Timestamp entered = deal.history.empty() ? deal.created_at : deal.history.back().at;
    StageTime time{std::chrono::floor<std::chrono::days>(as_of - entered).count()};
    const auto pipeline = std::find_if(pipelines.begin(), pipelines.end(),
                                       [&](const Pipeline& p) { return p.id == deal.pipeline_id; });
    if (pipeline == pipelines.end()) return time;
    if (const Stage* stage = pipeline->find_stage(deal.stage_id); stage && stage->sla_days) {
        time.overdue = time.days > *stage->sla_days;
    }
    return time;
}

const char* sla_marker(const StageTime& time) {
    return time.overdue ? "overdue" : "";
}

std::string expected_close_text(const Deal& deal) {
    return deal.expected_close ? format_date(*deal.expected_close) : "";
}

struct NewDeal {
    CustomerId customer = 0;
    std::string title;
    std::string pipeline;
    std::string stage;
    std::string value;
    std::string currency;
    std::string owner;
    std::string expected_close;
    std::string at;
    std::string external_id;
};

void add_add_command(CLI::App& deals, CliContext& context) {
    auto* command = deals.add_subcommand("add", "Open a deal and print its id");
    auto input = std::make_shared<NewDeal>();
    add_id_option(*command, "--customer", input->customer, "Customer id")->required();
    command->add_option("--title", input->title, "What is being sold")->required();
    command
        ->add_option("--pipeline", input->pipeline, "Pipeline id (see `moshtari pipelines list`)")
        ->required();
    command->add_option("--stage", input->stage, "Stage id (default: the pipeline's first)");
    command->add_option("--value", input->value, "Expected value, like 1000 or 999.90")->required();
    command->add_option("--currency", input->currency,
                        "ISO 4217 code (default: the workspace currency)");
    command->add_option("--owner", input->owner, "Who is responsible for it");
    command->add_option("--expected-close", input->expected_close,
                        "Expected closing date, YYYY-MM-DD");
    command->add_option("--at", input->at,
                        "When it was opened, YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    command->add_option("--external-id", input->external_id,
                        "Its id in the system it comes from (unique)");
    command->callback([&context, input] {
        Deal deal;
        deal.customer_id = input->customer;
        deal.title = input->title;
        deal.pipeline_id = input->pipeline;
        deal.stage_id = input->stage;
        deal.value = parse_money(input->value, context.currency_or_default(input->currency));
        deal.owner = input->owner;
        if (!input->expected_close.empty()) {
            deal.expected_close =
                parse_date_or_throw(input->expected_close, "expected closing date");
        }
        deal.created_at = time_or_now(input->at);
        deal.external_id = input->external_id;
        context.out() << context.workspace().deals().create(deal) << '\n';
    });
}

struct Move {
    DealId id = 0;
    std::string stage;
    std::string by;
};

void add_move_command(CLI::App& deals, CliContext& context) {
    auto* command = deals.add_subcommand("move", "Move a deal to another stage of its pipeline");
    auto input = std::make_shared<Move>();
    add_id_option(*command, "id", input->id, "Deal id")->required();
    command->add_option("stage", input->stage, "Stage id")->required();
    command->add_option("--by", input->by, "Who moved it");
    command->callback([&context, input] {
        context.workspace().deals().move(input->id, input->stage, input->by, now());
        context.out() << fmt::format("deal #{} is now in stage '{}'\n", input->id, input->stage);
    });
}

void add_list_command(CLI::App& deals, CliContext& context) {
    auto* command =
        deals.add_subcommand("list", "List deals with how long each has been in its stage");
    auto query = std::make_shared<DealQuery>();
    command->add_option("--pipeline", query->pipeline_id, "Only deals in this pipeline");
    command->add_option("--stage", query->stage_id, "Only deals in this stage");
    command->add_option("--owner", query->owner, "Only deals of this owner");
    add_limit_option(*command, query->limit);
    context.add_json_flag(*command);
    command->callback([&context, query] {
        Workspace& workspace = context.workspace();
        const Timestamp as_of = now();
        Table table{{"id", "title", "customer", "pipeline", "stage", "value", "owner",
                     "expected_close", "days_in_stage", "sla", "external_id"},
                    {}};
        for (const auto& d : workspace.deals().list(*query)) {
            const StageTime time = stage_time(d, workspace.pipelines(), as_of);
            table.rows.push_back({d.id, d.title, d.customer_id, d.pipeline_id, d.stage_id,
                                  format_money(d.value), d.owner, expected_close_text(d), time.days,
                                  sla_marker(time), d.external_id});
        }
        context.print(table);
    });
}

Record deal_record(Workspace& workspace, const Deal& d) {
    const StageTime time = stage_time(d, workspace.pipelines(), now());
    Record record;
    record.fields = {{"id", d.id},
                     {"title", d.title},
                     {"customer", d.customer_id},
                     {"customer_name", workspace.customers().get(d.customer_id).name},
                     {"pipeline", d.pipeline_id},
                     {"stage", d.stage_id},
                     {"value", format_money(d.value)},
                     {"owner", d.owner},
                     {"expected_close", expected_close_text(d)},
                     {"created_at", format_time(d.created_at)},
                     {"external_id", d.external_id},
                     {"days_in_stage", time.days},
                     {"sla", sla_marker(time)}};
    Table history{{"from", "to", "at", "by"}, {}};
    for (const auto& change : d.history) {
        history.rows.push_back(
            {change.from_stage, change.to_stage, format_time(change.at), change.by});
    }
    record.sections = {{"history", std::move(history)}};
    return record;
}

void add_show_command(CLI::App& deals, CliContext& context) {
    auto* command = deals.add_subcommand("show", "Show a deal with its full stage history");
    auto id = std::make_shared<DealId>();
    add_id_option(*command, "id", *id, "Deal id")->required();
    context.add_json_flag(*command);
    command->callback([&context, id] {
        Workspace& workspace = context.workspace();
        context.print(deal_record(workspace, workspace.deals().get(*id)));
    });
}

}  // namespace

void add_deals_command(CLI::App& app, CliContext& context) {
    auto* deals = add_command_group(app, "deals", "Opportunities moving through a pipeline");
    add_add_command(*deals, context);
    add_move_command(*deals, context);
    add_list_command(*deals, context);
    add_show_command(*deals, context);
}

}  // namespace moshtari::cli
