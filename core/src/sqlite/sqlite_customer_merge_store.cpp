#include "sqlite/sqlite_customer_merge_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/duplicate_finder.hpp"
#include "sqlite/order_facts.hpp"
#include "sqlite/personal_data_calls.hpp"
#include "sqlite/sqlite_segment_store.hpp"

namespace moshtari::sqlite {

namespace {

// What a merge did, as customer_merges.details keeps it.
class MergeRecord {
  public:
    void moved(const std::string& what, nlohmann::json value) { moved_[what] = std::move(value); }
    void conflict(std::string field, nlohmann::json kept, nlohmann::json dropped) {
        conflicts_.push_back({{"field", std::move(field)},
                              {"kept", std::move(kept)},
                              {"dropped", std::move(dropped)}});
    }
    nlohmann::json details(const std::vector<std::string>& plugins) const {
        return {{"moved", moved_}, {"conflicts", conflicts_}, {"plugins", plugins}};
    }

  private:
    nlohmann::json moved_ = nlohmann::json::object();
    nlohmann::json conflicts_ = nlohmann::json::array();
};

// Runs a statement whose ?1 is the survivor and ?2 the merged customer (either may go unused);
// returns the rows changed.
int run(SQLite::Database& sql, const std::string& text, CustomerId survivor, CustomerId merged) {
    SQLite::Statement statement(sql, text);
    statement.bind(1, static_cast<int64_t>(survivor));
    statement.bind(2, static_cast<int64_t>(merged));
    return statement.exec();
}

nlohmann::json attribute_json(const AttributeValue& value) {
    return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

// Profile columns (all TEXT) the survivor takes from the merged customer when it has none.
struct ProfileField {
    const char* column;
    std::string (*value)(const Customer&);
};

const ProfileField kProfileFields[] = {
    {"name", [](const Customer& c) { return c.name; }},
    {"given_name", [](const Customer& c) { return c.given_name; }},
    {"family_name", [](const Customer& c) { return c.family_name; }},
    {"language", [](const Customer& c) { return c.language; }},
    {"time_zone", [](const Customer& c) { return c.time_zone; }},
    {"birthday",
     [](const Customer& c) { return c.birthday ? format_date(*c.birthday) : std::string(); }},
    {"external_id", [](const Customer& c) { return c.external_id; }},
};

void merge_profile(SQLite::Database& sql, const Customer& survivor, const Customer& merged,
                   MergeRecord& record) {
    // External ids are unique: the merged customer's must be released before the survivor takes it.
    run(sql, "UPDATE customers SET external_id = NULL WHERE id = ?2", survivor.id, merged.id);
    std::vector<std::string> taken;
    for (const auto& field : kProfileFields) {
        const std::string kept = field.value(survivor);
        const std::string other = field.value(merged);
        if (other.empty() || kept == other) continue;
        if (!kept.empty()) {
            record.conflict(field.column, kept, other);
            continue;
        }
        SQLite::Statement update(
            sql, fmt::format("UPDATE customers SET {} = ? WHERE id = ?", field.column));
        update.bind(1, other);
        update.bind(2, static_cast<int64_t>(survivor.id));
        update.exec();
        taken.emplace_back(field.column);
    }
    record.moved("fields", taken);
}

// Contacts are unique across customers, so every one of the merged customer's moves; it stays
// primary only where the survivor has no contact of that kind.
void move_contacts(SQLite::Database& sql, const Customer& survivor, const Customer& merged,
                   MergeRecord& record) {
    SQLite::Statement next(sql,
                           "SELECT COALESCE(MAX(position) + 1, 0) FROM customer_contacts WHERE "
                           "customer_id = ?");
    next.bind(1, static_cast<int64_t>(survivor.id));
    next.executeStep();
    int position = next.getColumn(0).getInt();
    SQLite::Statement move(sql,
                           "UPDATE customer_contacts SET customer_id = ?, position = ?, "
                           "is_primary = ? WHERE kind = ? AND value = ?");
    std::vector<std::string> moved;
    for (const auto& contact : merged.contacts) {
        const bool survivor_has_kind =
            std::any_of(survivor.contacts.begin(), survivor.contacts.end(),
                        [&](const ContactPoint& c) { return c.kind == contact.kind; });
        move.bind(1, static_cast<int64_t>(survivor.id));
        move.bind(2, position++);
        move.bind(3, contact.primary && !survivor_has_kind ? 1 : 0);
        move.bind(4, to_string(contact.kind));
        move.bind(5, contact.value);
        move.exec();
        move.reset();
        moved.push_back(contact.value);
    }
    record.moved("contacts", moved);
}

void unite_tags_and_attributes(SQLite::Database& sql, const Customer& survivor,
                               const Customer& merged, MergeRecord& record) {
    std::vector<std::string> tags;
    for (const auto& tag : merged.tags) {
        if (std::find(survivor.tags.begin(), survivor.tags.end(), tag) == survivor.tags.end())
            tags.push_back(tag);
    }
    run(sql,
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag) SELECT ?1, tag FROM customer_tags "
        "WHERE customer_id = ?2",
        survivor.id, merged.id);
    record.moved("tags", tags);

    std::vector<std::string> attributes;
    for (const auto& [name, value] : merged.attributes) {
        const auto kept = survivor.attributes.find(name);
        if (kept == survivor.attributes.end()) {
            attributes.push_back(name);
        } else if (kept->second != value) {
            record.conflict("attributes." + name, attribute_json(kept->second),
                            attribute_json(value));
        }
    }
    run(sql,
        "INSERT OR IGNORE INTO customer_attributes (customer_id, name, type, value) "
        "SELECT ?1, name, type, value FROM customer_attributes WHERE customer_id = ?2",
        survivor.id, merged.id);
    record.moved("attributes", attributes);
}

// A person's companies and a company's people: the survivor's role wins where both have one.
void unite_memberships(SQLite::Database& sql, const Customer& survivor, const Customer& merged,
                       MergeRecord& record) {
    SQLite::Statement conflicts(
        sql,
        "SELECT 'memberships.company.' || m.company_id, s.role, m.role FROM customer_memberships "
        "m JOIN customer_memberships s ON s.company_id = m.company_id AND s.person_id = ?1 "
        "WHERE m.person_id = ?2 AND s.role <> m.role "
        "UNION ALL "
        "SELECT 'memberships.person.' || m.person_id, s.role, m.role FROM customer_memberships "
        "m JOIN customer_memberships s ON s.person_id = m.person_id AND s.company_id = ?1 "
        "WHERE m.company_id = ?2 AND s.role <> m.role");
    conflicts.bind(1, static_cast<int64_t>(survivor.id));
    conflicts.bind(2, static_cast<int64_t>(merged.id));
    while (conflicts.executeStep()) {
        record.conflict(conflicts.getColumn(0).getString(), conflicts.getColumn(1).getString(),
                        conflicts.getColumn(2).getString());
    }
    const int moved =
        run(sql,
            "INSERT OR IGNORE INTO customer_memberships (person_id, company_id, role) "
            "SELECT ?1, company_id, role FROM customer_memberships WHERE person_id = ?2",
            survivor.id, merged.id) +
        run(sql,
            "INSERT OR IGNORE INTO customer_memberships (person_id, company_id, role) "
            "SELECT person_id, ?1, role FROM customer_memberships WHERE company_id = ?2",
            survivor.id, merged.id);
    record.moved("memberships", moved);
}

void repoint_records(SQLite::Database& sql, CustomerId survivor, CustomerId merged,
                     MergeRecord& record) {
    for (const char* table : {"interactions", "orders", "deals", "tasks", "outbox_messages"}) {
        record.moved(
            table,
            run(sql, fmt::format("UPDATE {} SET customer_id = ?1 WHERE customer_id = ?2", table),
                survivor, merged));
    }
    // Consent histories are united rather than decided by the survivor: the latest decision per
    // channel counts, so a withdrawal made under either record is never lost.
    record.moved("consents",
                 run(sql, "UPDATE customer_consents SET customer_id = ?1 WHERE customer_id = ?2",
                     survivor, merged));
    // Earlier merges into the merged customer now explain the survivor.
    record.moved("merges",
                 run(sql, "UPDATE customer_merges SET survivor_id = ?1 WHERE survivor_id = ?2",
                     survivor, merged));
}

void check_mergeable(const Customer& survivor, const Customer& merged) {
    if (survivor.kind == merged.kind) return;
    throw UserError(fmt::format(
        "customer #{} is a {} and #{} is a {}; only customers of the same kind can be merged (to "
        "link a person to a company, make them a member: `moshtari customers add --company`)",
        merged.id, to_string(merged.kind), survivor.id, to_string(survivor.kind)));
}

CustomerMerge read_merge(SQLite::Statement& row) {
    return {row.getColumn(0).getInt64(), row.getColumn(1).getInt64(),
            from_unix(row.getColumn(2).getInt64()), row.getColumn(3).getString(),
            nlohmann::json::parse(row.getColumn(4).getString())};
}

}  // namespace

CustomerMerge SqliteCustomerMergeStore::merge(CustomerId survivor_id, CustomerId merged_id,
                                              std::string_view by) {
    if (survivor_id == merged_id) {
        throw UserError(fmt::format(
            "cannot merge customer #{} into itself; give the ids of two different customers",
            survivor_id));
    }
    Transaction tx(db_);
    const Customer survivor = customers_.get(survivor_id);
    const Customer merged = customers_.get(merged_id);
    check_mergeable(survivor, merged);

    auto& sql = db_.sql();
    MergeRecord record;
    merge_profile(sql, survivor, merged, record);
    move_contacts(sql, survivor, merged, record);
    unite_tags_and_attributes(sql, survivor, merged, record);
    unite_memberships(sql, survivor, merged, record);
    repoint_records(sql, survivor_id, merged_id, record);
    recount_order_facts(db_, survivor_id);
    std::vector<std::string> plugins;
    call_handlers(handlers_, fmt::format("merging customer #{} into #{}", merged_id, survivor_id),
                  [&](const PersonalDataHandler& handler) {
                      handler.merge(survivor_id, merged_id);
                      plugins.push_back(handler.name);
                  });
    // What was not moved (the merged customer's own profile row, its losing attributes and
    // memberships) goes with it.
    forget_segments(db_, merged_id);
    run(sql, "DELETE FROM customers WHERE id = ?2", survivor_id, merged_id);

    const CustomerMerge merge{survivor_id, merged_id, now(), std::string(by),
                              record.details(plugins)};
    SQLite::Statement stamp(sql, "UPDATE customers SET updated_at = ? WHERE id = ?");
    stamp.bind(1, static_cast<int64_t>(to_unix(merge.at)));
    stamp.bind(2, static_cast<int64_t>(survivor_id));
    stamp.exec();
    SQLite::Statement insert(
        sql,
        "INSERT INTO customer_merges (survivor_id, merged_id, at, by, details) "
        "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(survivor_id));
    insert.bind(2, static_cast<int64_t>(merged_id));
    insert.bind(3, static_cast<int64_t>(to_unix(merge.at)));
    insert.bind(4, merge.by);
    insert.bind(5, merge.details.dump());
    insert.exec();
    log_.append(events::CustomersMerged{survivor_id, merged_id}, merge.at);
    tx.commit();
    return merge;
}

std::vector<CustomerMerge> SqliteCustomerMergeStore::merges_into(CustomerId survivor) const {
    SQLite::Statement query(db_.sql(),
                            "SELECT survivor_id, merged_id, at, by, details FROM customer_merges "
                            "WHERE survivor_id = ? ORDER BY at, id");
    query.bind(1, static_cast<int64_t>(survivor));
    std::vector<CustomerMerge> merges;
    while (query.executeStep()) merges.push_back(read_merge(query));
    return merges;
}

std::vector<DuplicatePair> SqliteCustomerMergeStore::duplicates(std::size_t limit) const {
    return find_duplicates(db_.sql(), limit);
}

}  // namespace moshtari::sqlite
