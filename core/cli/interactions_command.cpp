// `moshtari interactions log|list`.

#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "listings.hpp"
#include "moshtari/interaction_store.hpp"

namespace moshtari::cli {

namespace {

struct NewInteraction {
    CustomerId customer = 0;
    std::string channel;
    std::string kind;
    std::string direction = "inbound";
    std::string at;
    std::string outcome;
    std::string text;
    std::string external_id;
};

void add_log_command(CLI::App& interactions, CliContext& context) {
    auto* command =
        interactions.add_subcommand("log", "Log a touch with a customer and print its id");
    auto input = std::make_shared<NewInteraction>();
    add_id_option(*command, "--customer", input->customer, "Customer id")->required();
    command->add_option("--channel", input->channel, "phone, email, in-person, sms, web, ...")
        ->required();
    command->add_option("--kind", input->kind, "call, email, visit, complaint, note, ...")
        ->required();
    command->add_option("--direction", input->direction, "inbound, outbound or internal")
        ->capture_default_str();
    command->add_option("--at", input->at, "When, YYYY-MM-DD[THH:MM[:SS]Z] in UTC (default: now)");
    command->add_option("--outcome", input->outcome, "answered, resolved, no-answer, ...");
    command->add_option("--text", input->text, "Free text");
    command->add_option("--external-id", input->external_id,
                        "Its id in the system it comes from (unique)");
    command->callback([&context, input] {
        Interaction interaction;
        interaction.customer_id = input->customer;
        interaction.channel = input->channel;
        interaction.direction = parse_direction(input->direction);
        interaction.kind = input->kind;
        interaction.at = time_or_now(input->at);
        interaction.outcome = input->outcome;
        interaction.text = input->text;
        interaction.external_id = input->external_id;
        context.out() << context.workspace().interactions().log(interaction) << '\n';
    });
}

void add_list_command(CLI::App& interactions, CliContext& context) {
    auto* command = interactions.add_subcommand("list", "List interactions, newest first");
    auto filter = std::make_shared<CustomerFilter>();
    add_customer_filter(*command, *filter);
    context.add_json_flag(*command);
    command->callback([&context, filter] {
        context.print(interactions_table(
            context.workspace().interactions().list(filter->customer, filter->limit)));
    });
}

}  // namespace

void add_interactions_command(CLI::App& app, CliContext& context) {
    auto* interactions = add_command_group(
        app, "interactions", "Calls, emails, visits and notes on a customer's timeline");
    add_log_command(*interactions, context);
    add_list_command(*interactions, context);
}

}  // namespace moshtari::cli
