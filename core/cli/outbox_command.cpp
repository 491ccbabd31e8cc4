// `moshtari outbox list|show|counts|retry|cancel|run`: the messages queued for customers.

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "arguments.hpp"
#include "commands.hpp"
#include "delivery_summary.hpp"
#include "moshtari/error.hpp"
#include "moshtari/outbox.hpp"
#include "worker_loop.hpp"

namespace moshtari::cli {

namespace {

std::string optional_time(const std::optional<Timestamp>& at) {
    return at ? format_time(*at) : std::string();
}

struct ListOptions {
    std::string state;
    std::string channel;
    std::optional<CustomerId> customer;
    std::size_t limit = 50;
};

void add_list_command(CLI::App& outbox, CliContext& context) {
    auto* command = outbox.add_subcommand("list", "List messages, newest first");
    auto options = std::make_shared<ListOptions>();
    command->add_option("--state", options->state,
                        "Only in this state: queued, sending, sent, failed, dead, skipped or "
                        "cancelled");
    command->add_option("--channel", options->channel, "Only on this channel (email, sms, ...)");
    add_id_option(*command, "--customer", options->customer, "Only this customer's");
    add_limit_option(*command, options->limit);
    context.add_json_flag(*command);
    command->callback([&context, options] {
        OutboxQuery query;
        if (!options->state.empty()) query.state = parse_message_state(options->state);
        if (!options->channel.empty()) query.channel = options->channel;
        query.customer_id = options->customer;
        query.limit = options->limit;
        Table table{{"id", "channel", "customer", "purpose", "state", "attempts", "next_attempt_at",
                     "sent_at", "last_error"},
                    {}};
        for (const auto& m : context.workspace().outbox().list(query)) {
            const bool waiting = m.state == MessageState::queued || m.state == MessageState::failed;
            table.rows.push_back({m.id, m.channel, m.customer_id, to_string(m.purpose),
                                  to_string(m.state), m.attempts,
                                  waiting ? format_time(m.next_attempt_at) : std::string(),
                                  optional_time(m.sent_at), m.last_error});
        }
        context.print(table);
    });
}

Record message_record(const OutboxMessage& m) {
    Record record;
    record.fields = {{"id", m.id},
                     {"channel", m.channel},
                     {"customer", m.customer_id},
                     {"address", m.address},
                     {"purpose", to_string(m.purpose)},
                     {"state", to_string(m.state)},
                     {"attempts", m.attempts},
                     {"next_attempt_at", format_time(m.next_attempt_at)},
                     {"idempotency_key", m.idempotency_key},
                     {"message_id", m.message_id},
                     {"last_error", m.last_error},
                     {"provider_id", m.provider_id},
                     {"created_at", format_time(m.created_at)},
                     {"sent_at", optional_time(m.sent_at)},
                     {"interaction", json_or_null(m.interaction_id)},
                     {"content", m.content}};
    return record;
}

void add_show_command(CLI::App& outbox, CliContext& context) {
    auto* command = outbox.add_subcommand("show", "Show one message: its state, content, errors");
    auto id = std::make_shared<MessageId>();
    add_id_option(*command, "id", *id, "Message id")->required();
    context.add_json_flag(*command);
    command->callback([&context, id] {
        const auto message = context.workspace().outbox().find(*id);
        if (!message) {
            throw NotFound(
                fmt::format("there is no message #{}; `moshtari outbox list` shows them", *id));
        }
        context.print(message_record(*message));
    });
}

void add_counts_command(CLI::App& outbox, CliContext& context) {
    auto* command = outbox.add_subcommand("counts", "How many messages are in each state");
    context.add_json_flag(*command);
    command->callback([&context] {
        Table table{{"state", "messages"}, {}};
        for (const auto& [state, count] : context.workspace().outbox().counts())
            table.rows.push_back({to_string(state), count});
        context.print(table);
    });
}

// retry and cancel: one message id, one change, one line saying what happened.
void add_change_command(CLI::App& outbox, CliContext& context, const std::string& name,
                        const std::string& description, void (Outbox::*change)(MessageId),
                        const char* done) {
    auto* command = outbox.add_subcommand(name, description);
    auto id = std::make_shared<MessageId>();
    add_id_option(*command, "id", *id, "Message id")->required();
    command->callback([&context, id, change, done] {
        (context.workspace().outbox().*change)(*id);
        context.out() << fmt::format("message #{} {}\n", *id, done);
    });
}

void add_delivery_run_command(CLI::App& outbox, CliContext& context) {
    auto* command =
        outbox.add_subcommand("run", "Deliver due messages to their channels, pass after pass");
    auto options = std::make_shared<WorkerOptions>();
    add_worker_options(*command, *options,
                       "Deliver until nothing is due, print what happened, stop");
    command->callback([&context, options] {
        Workspace& workspace = context.workspace();
        if (options->once) {
            context.out() << delivery_summary(workspace.deliver_messages(now())) << '\n';
            return;
        }
        repeat_until_stopped("delivery worker", options->interval, [&] {
            const Timestamp at = now();
            if (const DeliveryReport report = workspace.deliver_messages(at); report.total() > 0)
                context.out() << format_time(at) << ' ' << delivery_summary(report) << std::endl;
        });
    });
}

}  // namespace

void add_outbox_command(CLI::App& app, CliContext& context) {
    auto* outbox =
        add_command_group(app, "outbox", "Messages to customers: queued, sent, failed, retried");
    add_list_command(*outbox, context);
    add_show_command(*outbox, context);
    add_counts_command(*outbox, context);
    add_change_command(*outbox, context, "retry",
                       "Queue a failed, dead or skipped message again, due now", &Outbox::retry,
                       "is queued again");
    add_change_command(*outbox, context, "cancel",
                       "Make sure a queued or failed message is never sent", &Outbox::cancel,
                       "is cancelled");
    add_delivery_run_command(*outbox, context);
}

}  // namespace moshtari::cli
