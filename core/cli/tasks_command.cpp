// `moshtari tasks add|list|done`.

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "arguments.hpp"
#include "commands.hpp"
#include "moshtari/task_store.hpp"

namespace moshtari::cli {

namespace {

struct NewTask {
    std::string title;
    std::string due;
    std::string assignee;
    std::optional<CustomerId> customer;
    std::optional<DealId> deal;
};

void add_add_command(CLI::App& tasks, CliContext& context) {
    auto* command = tasks.add_subcommand("add", "Add a task and print its id");
    auto input = std::make_shared<NewTask>();
    command->add_option("--title", input->title, "What must be done")->required();
    command->add_option("--due", input->due, "By when, YYYY-MM-DD[THH:MM[:SS]Z] in UTC");
    command->add_option("--assignee", input->assignee, "Who must do it");
    add_id_option(*command, "--customer", input->customer, "The customer it is for");
    add_id_option(*command, "--deal", input->deal, "The deal it is for");
    command->callback([&context, input] {
        Task task;
        task.title = input->title;
        if (!input->due.empty()) task.due = parse_time_or_throw(input->due, "due time");
        task.assignee = input->assignee;
        task.customer_id = input->customer;
        task.deal_id = input->deal;
        context.out() << context.workspace().tasks().add(task) << '\n';
    });
}

const char* status_of(const Task& task, Timestamp as_of) {
    if (task.done) return "done";
    return task.due && *task.due < as_of ? "overdue" : "open";
}

void add_list_command(CLI::App& tasks, CliContext& context) {
    auto* command = tasks.add_subcommand("list", "List open tasks by due date");
    auto query = std::make_shared<TaskQuery>();
    command->add_flag("--all", query->include_done, "Include done tasks");
    command->add_option("--assignee", query->assignee, "Only this person's");
    add_id_option(*command, "--customer", query->customer_id, "Only tasks for this customer");
    add_limit_option(*command, query->limit);
    context.add_json_flag(*command);
    command->callback([&context, query] {
        const Timestamp as_of = now();
        Table table{{"id", "due", "title", "assignee", "customer", "deal", "status"}, {}};
        for (const auto& t : context.workspace().tasks().list(*query)) {
            table.rows.push_back({t.id, t.due ? format_time(*t.due) : "", t.title, t.assignee,
                                  json_or_null(t.customer_id), json_or_null(t.deal_id),
                                  status_of(t, as_of)});
        }
        context.print(table);
    });
}

void add_done_command(CLI::App& tasks, CliContext& context) {
    auto* command = tasks.add_subcommand("done", "Mark a task done");
    auto id = std::make_shared<TaskId>();
    add_id_option(*command, "id", *id, "Task id")->required();
    command->callback([&context, id] {
        context.workspace().tasks().complete(*id, now());
        context.out() << fmt::format("task #{} is done\n", *id);
    });
}

}  // namespace

void add_tasks_command(CLI::App& app, CliContext& context) {
    auto* tasks =
        add_command_group(app, "tasks", "Things to do by a date, for a customer or a deal");
    add_add_command(*tasks, context);
    add_list_command(*tasks, context);
    add_done_command(*tasks, context);
}

}  // namespace moshtari::cli
