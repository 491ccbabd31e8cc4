#include "sqlite/sqlite_privacy_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstdint>
#include <limits>

#include "model/personal_data_json.hpp"
#include "moshtari/config.hpp"
#include "moshtari/customer_merge_store.hpp"
#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/deal_store.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/interaction_store.hpp"
#include "moshtari/order_store.hpp"
#include "moshtari/outbox.hpp"
#include "moshtari/segment_store.hpp"
#include "moshtari/task_store.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"
#include "sqlite/personal_data_calls.hpp"
#include "sqlite/sqlite_segment_store.hpp"

namespace moshtari::sqlite {

namespace {

// A listing's limit that lets every row through: an export must be complete.
constexpr std::size_t kEverything = std::numeric_limits<std::int64_t>::max();

// The customer's deals, and the tasks about the customer or one of those deals.
constexpr const char* kDealsSql = "SELECT id FROM deals WHERE customer_id = ?1 ORDER BY id";
constexpr const char* kTasksSql =
    "SELECT id FROM tasks WHERE customer_id = ?1 OR deal_id IN (SELECT id FROM deals WHERE "
    "customer_id = ?1) ORDER BY id";

std::vector<std::int64_t> ids(SQLite::Database& sql, const char* query_text, CustomerId customer) {
    SQLite::Statement query(sql, query_text);
    query.bind(1, static_cast<int64_t>(customer));
    std::vector<std::int64_t> result;
    while (query.executeStep()) result.push_back(query.getColumn(0).getInt64());
    return result;
}

// Runs a statement whose ?1 is the customer; returns the rows changed.
int run(SQLite::Database& sql, const std::string& text, CustomerId customer) {
    SQLite::Statement statement(sql, text);
    statement.bind(1, static_cast<int64_t>(customer));
    return statement.exec();
}

std::string counted(std::size_t count, std::string_view noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string handler_names(const std::vector<PersonalDataHandler>& handlers) {
    std::string names;
    for (const auto& handler : handlers) names += (names.empty() ? "" : ", ") + handler.name;
    return names.empty() ? "none" : names;
}

template <class Item>
nlohmann::json json_list(const std::vector<Item>& items) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) list.push_back(personal_data_json(item));
    return list;
}

// Personal data the core's own events carry. Payloads are rewritten rather than deleted: the log
// stays complete for subscribers that have not read it yet, it only no longer names the person.
void scrub_events(SQLite::Database& sql, CustomerId id, const std::vector<std::int64_t>& task_ids) {
    run(sql,
        "UPDATE events SET payload = json_set(payload, '$.name', '') WHERE type = "
        "'CustomerCreated' AND json_extract(payload, '$.customer_id') = ?1",
        id);
    run(sql,
        "UPDATE events SET payload = json_set(payload, '$.source', '') WHERE type = "
        "'ConsentChanged' AND json_extract(payload, '$.customer_id') = ?1",
        id);
    // A server's or provider's words may quote the address ("550 5.1.1 <ana@example.com> unknown").
    run(sql,
        "UPDATE events SET payload = json_set(payload, '$.error', '') WHERE type = "
        "'MessageFailed' AND json_extract(payload, '$.customer_id') = ?1",
        id);
    run(sql,
        "UPDATE events SET payload = json_set(payload, '$.reason', '') WHERE type = "
        "'MessageSkipped' AND json_extract(payload, '$.customer_id') = ?1",
        id);
    SQLite::Statement task(sql,
                           "UPDATE events SET payload = json_set(payload, '$.title', '') WHERE "
                           "type = 'TaskCreated' AND json_extract(payload, '$.task_id') = ?");
    for (const auto task_id : task_ids) {
        task.bind(1, static_cast<int64_t>(task_id));
        task.exec();
        task.reset();
    }
}

// Deletes the records of `table` about the customer, or detaches them when the policy keeps them
// (`detach` is the SET clause); returns the summary line.
std::string erase_or_keep(SQLite::Database& sql, CustomerId id, const char* table, const char* noun,
                          bool keep, const char* detach, std::vector<std::string>& kept) {
    if (!keep) {
        const int erased =
            run(sql, fmt::format("DELETE FROM {} WHERE customer_id = ?1", table), id);
        return counted(static_cast<std::size_t>(erased), noun) + " erased";
    }
    const int detached =
        run(sql, fmt::format("UPDATE {} SET {} WHERE customer_id = ?1", table, detach), id);
    kept.emplace_back(table);
    return counted(static_cast<std::size_t>(detached), noun) + " kept without the customer";
}

}  // namespace

PrivacyAuditEntry SqlitePrivacyStore::record(CustomerId id, std::string_view action,
                                             std::string_view by, std::string summary) {
    const PrivacyAuditEntry entry{id, std::string(action), now(), std::string(by),
                                  std::move(summary)};
    SQLite::Statement insert(workspace_.database().sql(),
                             "INSERT INTO privacy_audit (customer_id, action, at, by, summary) "
                             "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(entry.customer_id));
    insert.bind(2, entry.action);
    insert.bind(3, static_cast<int64_t>(to_unix(entry.at)));
    insert.bind(4, entry.by);
    insert.bind(5, entry.summary);
    insert.exec();
    return entry;
}

nlohmann::json SqlitePrivacyStore::export_personal(CustomerId id, std::string_view by) {
    auto& sql = workspace_.database().sql();
    // One transaction: a consistent picture, committed only together with its audit row.
    Transaction tx(workspace_.database());
    const Customer customer = workspace_.customers().get(id);
    const auto interactions = workspace_.interactions().list(id, kEverything);
    const auto orders = workspace_.orders().list(id, kEverything);
    const auto messages = workspace_.outbox().list({{}, {}, id, kEverything});
    std::vector<Deal> deals;
    for (const auto deal : ids(sql, kDealsSql, id)) deals.push_back(workspace_.deals().get(deal));
    std::vector<Task> tasks;
    for (const auto task : ids(sql, kTasksSql, id)) tasks.push_back(workspace_.tasks().get(task));
    nlohmann::json merges = nlohmann::json::array();
    for (const auto& merge : workspace_.merges().merges_into(id)) {
        merges.push_back({{"merged_id", merge.merged_id},
                          {"at", format_time(merge.at)},
                          {"by", merge.by},
                          {"details", merge.details}});
    }
    nlohmann::json segments = nlohmann::json::array();
    for (const auto& member : workspace_.segments().segments_of(id)) {
        segments.push_back(
            {{"method", member.method},
             {"segment", member.segment},
             {"since", format_time(member.since)},
             {"previous_segment", member.previous_segment},
             {"score", member.score ? nlohmann::json(*member.score) : nullptr},
             {"detail",
              member.detail.empty() ? nlohmann::json() : nlohmann::json::parse(member.detail)}});
    }
    nlohmann::json plugins = nlohmann::json::object();
    call_handlers(handlers_, fmt::format("exporting customer #{}", id),
                  [&](const PersonalDataHandler& handler) {
                      plugins[handler.name] = handler.export_data(id);
                  });
    const auto entry =
        record(id, "export", by,
               fmt::format("exported {}, {}, {}, {}, {}, {}, {}, {}, data from {}",
                           counted(customer.contacts.size(), "contact"),
                           counted(customer.consents.size(), "consent"),
                           counted(interactions.size(), "interaction"),
                           counted(orders.size(), "order"), counted(deals.size(), "deal"),
                           counted(tasks.size(), "task"), counted(messages.size(), "message"),
                           counted(merges.size(), "merge"), counted(plugins.size(), "plugin")));
    nlohmann::json audit = nlohmann::json::array();
    for (const auto& earlier : this->audit(id)) {
        audit.push_back({{"action", earlier.action},
                         {"at", format_time(earlier.at)},
                         {"by", earlier.by},
                         {"summary", earlier.summary}});
    }
    tx.commit();
    return {{"customer_id", id},
            {"exported_at", format_time(entry.at)},
            {"customer", personal_data_json(customer)},
            {"interactions", json_list(interactions)},
            {"orders", json_list(orders)},
            {"deals", json_list(deals)},
            {"tasks", json_list(tasks)},
            {"messages", json_list(messages)},
            {"merges", merges},
            {"segments", segments},
            {"privacy_audit", audit},
            {"plugins", plugins}};
}

PrivacyAuditEntry SqlitePrivacyStore::erase(CustomerId id, std::string_view by) {
    const PrivacyPolicy& policy = workspace_.config().privacy();
    auto& sql = workspace_.database().sql();
    Transaction tx(workspace_.database());
    const Customer customer = workspace_.customers().get(id);
    call_handlers(handlers_, fmt::format("erasing customer #{}", id),
                  [&](const PersonalDataHandler& handler) { handler.erase(id); });

    // Tasks first: they may point at the customer's deals. Deal and task titles often name the
    // person, so neither is ever kept.
    const auto task_ids = ids(sql, kTasksSql, id);
    scrub_events(sql, id, task_ids);
    run(sql,
        "DELETE FROM tasks WHERE customer_id = ?1 OR deal_id IN (SELECT id FROM deals WHERE "
        "customer_id = ?1)",
        id);
    const int deals = run(sql, "DELETE FROM deals WHERE customer_id = ?1", id);
    std::vector<std::string> kept;
    const std::string interactions =
        erase_or_keep(sql, id, "interactions", "interaction", policy.keep_interactions,
                      "customer_id = NULL, text = ''", kept);
    const std::string orders =
        erase_or_keep(sql, id, "orders", "order", policy.keep_orders, "customer_id = NULL", kept);
    // Messages hold the address and what was said; their events are scrubbed above.
    run(sql, "DELETE FROM outbox_messages WHERE customer_id = ?1", id);
    // Contacts, consents, memberships, tags, attributes and merge records go with the row.
    forget_segments(workspace_.database(), id);
    run(sql, "DELETE FROM customers WHERE id = ?1", id);

    auto entry =
        record(id, "erase", by,
               fmt::format("erased the customer with {}, {}, {}, {}, {}; {}; {}; plugins: {}",
                           counted(customer.contacts.size(), "contact"),
                           counted(customer.consents.size(), "consent"),
                           counted(customer.attributes.size(), "attribute"),
                           counted(static_cast<std::size_t>(deals), "deal"),
                           counted(task_ids.size(), "task"), interactions, orders,
                           handler_names(handlers_)));
    workspace_.event_log().append(events::CustomerErased{id, kept}, entry.at);
    tx.commit();
    return entry;
}

std::vector<PrivacyAuditEntry> SqlitePrivacyStore::audit(CustomerId id) const {
    SQLite::Statement query(workspace_.database().sql(),
                            "SELECT customer_id, action, at, by, summary FROM privacy_audit WHERE "
                            "customer_id = ? ORDER BY at, id");
    query.bind(1, static_cast<int64_t>(id));
    std::vector<PrivacyAuditEntry> entries;
    while (query.executeStep()) {
        entries.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                           from_unix(query.getColumn(2).getInt64()), query.getColumn(3).getString(),
                           query.getColumn(4).getString()});
    }
    return entries;
}

}  // namespace moshtari::sqlite
