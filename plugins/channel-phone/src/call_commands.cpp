#include "call_commands.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "moshtari/error.hpp"
#include "moshtari/table.hpp"

namespace moshtari::channel_phone {

namespace {

struct LogFlags {
    std::string number;
    std::string direction;
    std::string start;
    std::int64_t duration = 0;
    std::string outcome;
    std::string notes;
    std::string recording;
    std::string agent;
    std::optional<CustomerId> customer;
};

void add_log(CLI::App& calls, CallStore& store) {
    auto* command = calls.add_subcommand(
        "log", "Record a call on the customer's timeline, found by the phone number");
    auto flags = std::make_shared<LogFlags>();
    command->add_option("--number", flags->number, "The other party's number")->required();
    command->add_option("--direction", flags->direction, "inbound or outbound")->required();
    command->add_option("--start", flags->start, "When it began, YYYY-MM-DDTHH:MM[:SS]Z in UTC")
        ->required();
    command->add_option("--duration", flags->duration, "How long it lasted, in seconds")
        ->required();
    command
        ->add_option("--outcome", flags->outcome, "answered, no-answer, busy, voicemail or failed")
        ->required();
    command->add_option("--notes", flags->notes, "What was said");
    command->add_option("--recording", flags->recording, "A link to the recording");
    command->add_option("--agent", flags->agent, "Who took or made the call");
    command->add_option("--customer", flags->customer,
                        "The customer, when no customer has the number yet");
    command->callback([&store, flags] {
        CallRecord call;
        call.number = flags->number;
        call.direction = parse_direction(flags->direction);
        call.start = parse_time_or_throw(flags->start, "start time");
        call.duration_seconds = flags->duration;
        call.outcome = flags->outcome;
        call.notes = flags->notes;
        call.recording_url = flags->recording;
        call.agent = flags->agent;
        call.customer = flags->customer;
        const LoggedCall logged = store.log(call);
        std::cout << fmt::format("call logged as interaction #{} for customer #{}\n",
                                 logged.interaction, logged.customer);
        if (logged.closed_task) {
            std::cout << fmt::format("call task #{} is done\n", *logged.closed_task);
        }
        if (logged.still_open_task) {
            std::cout << fmt::format("call task #{} stays open: the call was not answered\n",
                                     *logged.still_open_task);
        }
    });
}

// A script is a file's text when FILE names one, else the text given.
std::string script_text(const std::string& file_or_text) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file_or_text, error)) return file_or_text;
    std::ifstream in(file_or_text, std::ios::binary);
    if (!in) throw UserError(fmt::format("cannot read the script file {}", file_or_text));
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void add_schedule(CLI::App& calls, CallStore& store) {
    auto* command =
        calls.add_subcommand("schedule", "Create a call task for an agent and print its id");
    struct Flags {
        CustomerId customer = 0;
        std::string script;
        std::string due;
        std::string priority;
        std::string agent;
    };
    auto flags = std::make_shared<Flags>();
    command->add_option("customer", flags->customer, "The customer to call")->required();
    command->add_option("--script", flags->script, "A script file, or the script's text")
        ->required();
    command->add_option("--due", flags->due, "By when, YYYY-MM-DDTHH:MM[:SS]Z in UTC")->required();
    command->add_option("--priority", flags->priority,
                        "low, normal or high (default: calls.default_priority)");
    command->add_option("--agent", flags->agent, "Who must call (default: calls.default_assignee)");
    command->callback([&store, flags] {
        CallTaskRequest request;
        request.customer = flags->customer;
        request.script = script_text(flags->script);
        request.due = parse_time_or_throw(flags->due, "due time");
        if (!flags->priority.empty()) request.priority = parse_call_priority(flags->priority);
        request.agent = flags->agent;
        std::cout << store.schedule(request) << '\n';
    });
}

// A script of several lines would break the text table's alignment; --json carries all of it.
std::string first_line(const std::string& script) {
    const auto end = script.find('\n');
    if (end == std::string::npos) return script;
    return script.substr(0, end) + (end + 1 < script.size() ? " ..." : "");
}

void add_queue(CLI::App& calls, CallStore& store) {
    auto* command = calls.add_subcommand("queue", "Open call tasks by due time, then priority");
    struct Flags {
        std::size_t limit = 50;
        bool json = false;
    };
    auto flags = std::make_shared<Flags>();
    command->add_option("--limit", flags->limit, "At most this many")->capture_default_str();
    command->add_flag("--json", flags->json, "Print JSON instead of text");
    command->callback([&store, flags] {
        const Timestamp as_of = now();
        Table table{
            {"task", "due", "priority", "customer", "name", "number", "agent", "overdue", "script"},
            {}};
        for (const auto& call : store.queue(flags->limit)) {
            table.rows.push_back({call.task, call.due ? format_time(*call.due) : "",
                                  to_string(call.priority), call.customer, call.name, call.number,
                                  call.assignee, call.due && *call.due < as_of,
                                  flags->json ? call.script : first_line(call.script)});
        }
        table.print(std::cout, flags->json);
    });
}

}  // namespace

Command calls_command(CallStore& store) {
    return Command{"calls", "Log phone calls and work through call tasks",
                   [&store](CLI::App& command) {
                       command.require_subcommand(1);
                       add_log(command, store);
                       add_schedule(command, store);
                       add_queue(command, store);
                   }};
}

}  // namespace moshtari::channel_phone
