#include "commands.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "bounce_processor.hpp"
#include "moshtari/workspace.hpp"
#include "queue_run.hpp"

namespace moshtari::email {

namespace {

void add_send(CLI::App& email, CommandParts parts) {
    auto request = std::make_shared<QueueRequest>();
    auto* send = email.add_subcommand(
        "send", "Render a template for customers and queue it in the outbox (one transaction)");
    send->add_option("--template", request->template_name,
                     "A template under channel-email.templates")
        ->required();
    auto* customer =
        send->add_option("--customer", request->customers, "A customer id (repeatable)");
    auto* tag = send->add_option("--tag", request->tag, "Every customer with this tag");
    customer->excludes(tag);
    send->add_option("--campaign", request->campaign,
                     "A key for this mailing: the same template, customer and campaign is never "
                     "sent twice (default: none, once per template and customer)");
    send->add_flag("--transactional", request->transactional,
                   "Confirm that a transactional template is sent without consent checks");
    send->callback([parts, request] {
        queue_emails(parts.workspace, parts.settings, parts.tokens, *request)
            .print(std::cout, request->template_name);
    });
}

void add_unsubscribe(CLI::App& email, CommandParts parts) {
    auto token = std::make_shared<std::string>();
    auto* unsubscribe = email.add_subcommand(
        "unsubscribe", "Honour an unsubscribe link: withdraw the customer's email consent");
    unsubscribe->add_option("token", *token, "The token from the link or the mailto subject")
        ->required();
    unsubscribe->callback([parts, token] {
        const Unsubscribed done = parts.tokens.unsubscribe(*token, now());
        std::cout << fmt::format("{} {} (customer {}, {}) from email.\n",
                                 done.already ? "Already unsubscribed:" : "Unsubscribed", done.name,
                                 done.customer_id, done.address);
    });
}

void add_bounces(CLI::App& email, CommandParts parts) {
    auto file = std::make_shared<std::string>();
    auto* bounces = email.add_subcommand(
        "bounces", "Read delivery status notifications and suppress bounced addresses");
    bounces->add_option("file", *file, "An mbox file or a maildir folder")->required();
    bounces->callback([parts, file] {
        BounceProcessor processor(parts.workspace, parts.workspace.outbox(), parts.soft_bounces,
                                  parts.settings.soft_bounce_threshold);
        processor.process(read_mailbox(*file), now()).print(std::cout);
    });
}

}  // namespace

Command email_command(CommandParts parts) {
    return Command{"email", "Email: queue templated mail, honour unsubscribe links, read bounces",
                   [parts](CLI::App& command) {
                       command.require_subcommand(1);
                       add_send(command, parts);
                       add_unsubscribe(command, parts);
                       add_bounces(command, parts);
                   }};
}

}  // namespace moshtari::email
