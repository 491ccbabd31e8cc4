#include "call_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "http_client.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/task_store.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::channel_phone {

namespace {

constexpr std::array<std::string_view, 5> kOutcomes{"answered", "no-answer", "busy", "voicemail",
                                                    "failed"};

// Open call tasks, most urgent first; `{}` narrows them.
constexpr const char* kOpenTasksSql = R"sql(
SELECT t.id, t.due, p.priority, t.customer_id, c.name, p.number, t.assignee, p.script
FROM channel_phone_call_tasks p
JOIN tasks t ON t.id = p.task_id
JOIN customers c ON c.id = t.customer_id
WHERE t.done = 0 AND {}
ORDER BY t.due IS NULL, t.due, p.priority DESC, t.id
LIMIT ?
)sql";

QueuedCall read_queued(SQLite::Statement& row) {
    QueuedCall call;
    call.task = row.getColumn(0).getInt64();
    if (!row.getColumn(1).isNull()) call.due = from_unix(row.getColumn(1).getInt64());
    call.priority = static_cast<CallPriority>(row.getColumn(2).getInt());
    call.customer = row.getColumn(3).getInt64();
    call.name = row.getColumn(4).getString();
    call.number = row.getColumn(5).getString();
    call.assignee = row.getColumn(6).getString();
    call.script = row.getColumn(7).getString();
    return call;
}

void check_recording(const std::string& url) {
    if (!url.empty() && !is_http_url(url)) {
        throw UserError(
            fmt::format("'{}' is not a recording link; give an http:// or https:// URL", url));
    }
}

}  // namespace

void check_call_outcome(std::string_view outcome) {
    if (std::find(kOutcomes.begin(), kOutcomes.end(), outcome) == kOutcomes.end()) {
        throw UserError(fmt::format(
            "'{}' is not a call outcome; use answered, no-answer, busy, voicemail or failed",
            outcome));
    }
}

CallStore::CallStore(Workspace& workspace, PhoneNumbers numbers, CallSettings settings)
    : workspace_(workspace), numbers_(std::move(numbers)), settings_(std::move(settings)) {}

std::vector<Migration> CallStore::migrations() {
    return {{1, "calls and call tasks", R"sql(
-- A call's own fields; the interaction holds customer, direction, time, outcome and notes.
CREATE TABLE channel_phone_calls (
    interaction_id INTEGER PRIMARY KEY REFERENCES interactions (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),
    agent TEXT NOT NULL DEFAULT '',
    recording_url TEXT NOT NULL DEFAULT '',
    closed_task_id INTEGER
);
-- A call task's own fields; the task holds customer, due time, assignee and whether it is done.
CREATE TABLE channel_phone_call_tasks (
    task_id INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    script TEXT NOT NULL,
    priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 2)
);
)sql"}};
}

CustomerId CallStore::customer_for(const std::string& e164) const {
    // Numbers typed in by hand may be stored as dialled at home ("09123456789") or without '+'.
    for (const auto& form : {e164, numbers_.national_digits(e164), e164.substr(1)}) {
        if (const auto id = workspace_.customers().find_by_contact(ContactKind::phone, form)) {
            return *id;
        }
    }
    throw NotFound(fmt::format(
        "no customer has the phone number {}; add it to the customer, or give --customer ID",
        e164));
}

std::optional<TaskId> CallStore::open_task_of(CustomerId customer) const {
    SQLite::Statement query(workspace_.database().sql(),
                            fmt::format(kOpenTasksSql, "t.customer_id = ?"));
    query.bind(1, static_cast<int64_t>(customer));
    query.bind(2, 1);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getInt64();
}

LoggedCall CallStore::log(const CallRecord& call) {
    const std::string number = numbers_.e164(call.number);
    check_call_outcome(call.outcome);
    if (call.duration_seconds < 0) throw UserError("a call's duration cannot be negative");
    if (call.direction == Direction::internal) {
        throw UserError("a call is inbound or outbound, not internal");
    }
    check_recording(call.recording_url);

    Transaction tx(workspace_.database());
    LoggedCall logged;
    logged.customer = call.customer ? *call.customer : customer_for(number);
    Interaction interaction;
    interaction.customer_id = logged.customer;
    interaction.channel = "phone";
    interaction.kind = "call";
    interaction.direction = call.direction;
    interaction.at = call.start;
    interaction.outcome = call.outcome;
    interaction.text = call.notes;
    logged.interaction = workspace_.interactions().log(interaction);

    if (const auto task = open_task_of(logged.customer)) {
        if (call.outcome == "answered") {
            workspace_.tasks().complete(*task,
                                        call.start + std::chrono::seconds(call.duration_seconds));
            logged.closed_task = task;
        } else {
            logged.still_open_task = task;
        }
    }
    SQLite::Statement insert(workspace_.database().sql(),
                             "INSERT INTO channel_phone_calls VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(logged.interaction));
    insert.bind(2, number);
    insert.bind(3, static_cast<int64_t>(call.duration_seconds));
    insert.bind(4, call.agent);
    insert.bind(5, call.recording_url);
    if (logged.closed_task) {
        insert.bind(6, static_cast<int64_t>(*logged.closed_task));
    } else {
        insert.bind(6);
    }
    insert.exec();
    tx.commit();
    return logged;
}

TaskId CallStore::schedule(const CallTaskRequest& request) {
    if (request.script.empty()) throw UserError("a call task needs a script: what to say or ask");
    Transaction tx(workspace_.database());
    const Customer customer = workspace_.customers().get(request.customer);
    const ContactPoint* phone = customer.primary_contact(ContactKind::phone);
    if (phone == nullptr) {
        throw UserError(fmt::format("customer #{} ({}) has no phone number; add one first",
                                    customer.id, customer.name));
    }
    const std::string number = numbers_.e164(phone->value);
    Task task;
    task.title = fmt::format("Call {} on {}", customer.name, number);
    task.due = request.due;
    task.assignee = request.agent.empty() ? settings_.default_assignee : request.agent;
    task.customer_id = customer.id;
    const TaskId id = workspace_.tasks().add(task);
    SQLite::Statement insert(workspace_.database().sql(),
                             "INSERT INTO channel_phone_call_tasks VALUES (?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(id));
    insert.bind(2, number);
    insert.bind(3, request.script);
    insert.bind(4, static_cast<int>(request.priority.value_or(settings_.default_priority)));
    insert.exec();
    tx.commit();
    return id;
}

std::vector<QueuedCall> CallStore::queue(std::size_t limit) const {
    SQLite::Statement query(workspace_.database().sql(), fmt::format(kOpenTasksSql, "1"));
    query.bind(1, static_cast<int64_t>(limit));
    std::vector<QueuedCall> calls;
    while (query.executeStep()) calls.push_back(read_queued(query));
    return calls;
}

nlohmann::json CallStore::personal_data(CustomerId customer) const {
    auto& sql = workspace_.database().sql();
    nlohmann::json calls = nlohmann::json::array();
    SQLite::Statement call_rows(sql,
                                "SELECT i.id, i.at, i.direction, i.outcome, p.number, "
                                "p.duration_seconds, p.agent, p.recording_url "
                                "FROM channel_phone_calls p JOIN interactions i "
                                "ON i.id = p.interaction_id WHERE i.customer_id = ? ORDER BY i.at");
    call_rows.bind(1, static_cast<int64_t>(customer));
    while (call_rows.executeStep()) {
        calls.push_back({{"interaction_id", call_rows.getColumn(0).getInt64()},
                         {"start", format_time(from_unix(call_rows.getColumn(1).getInt64()))},
                         {"direction", call_rows.getColumn(2).getString()},
                         {"outcome", call_rows.getColumn(3).getString()},
                         {"number", call_rows.getColumn(4).getString()},
                         {"duration_seconds", call_rows.getColumn(5).getInt64()},
                         {"agent", call_rows.getColumn(6).getString()},
                         {"recording_url", call_rows.getColumn(7).getString()}});
    }
    nlohmann::json tasks = nlohmann::json::array();
    SQLite::Statement task_rows(sql,
                                "SELECT p.task_id, p.number, p.script, p.priority FROM "
                                "channel_phone_call_tasks p JOIN tasks t ON t.id = p.task_id "
                                "WHERE t.customer_id = ? ORDER BY p.task_id");
    task_rows.bind(1, static_cast<int64_t>(customer));
    while (task_rows.executeStep()) {
        tasks.push_back(
            {{"task_id", task_rows.getColumn(0).getInt64()},
             {"number", task_rows.getColumn(1).getString()},
             {"script", task_rows.getColumn(2).getString()},
             {"priority", to_string(static_cast<CallPriority>(task_rows.getColumn(3).getInt()))}});
    }
    return {{"calls", calls}, {"call_tasks", tasks}};
}

void CallStore::erase(CustomerId customer) {
    // Runs before the core deletes or detaches the customer's interactions and tasks, so the
    // rows are still reachable through them.
    auto& sql = workspace_.database().sql();
    SQLite::Statement calls(sql,
                            "DELETE FROM channel_phone_calls WHERE interaction_id IN "
                            "(SELECT id FROM interactions WHERE customer_id = ?)");
    calls.bind(1, static_cast<int64_t>(customer));
    calls.exec();
    SQLite::Statement tasks(sql,
                            "DELETE FROM channel_phone_call_tasks WHERE task_id IN "
                            "(SELECT id FROM tasks WHERE customer_id = ?)");
    tasks.bind(1, static_cast<int64_t>(customer));
    tasks.exec();
}

}  // namespace moshtari::channel_phone
