#include "sqlite/sqlite_customer_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string normalise_email(std::string_view raw) {
    std::string email = collapse_spaces(raw);
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
        email.back() == '.' || email.find(' ') != std::string::npos ||
        email.find('@', at + 1) != std::string::npos) {
        throw UserError(
            fmt::format("'{}' is not an email address; write it like name@example.com", raw));
    }
    return email;
}

// Keeps a leading '+' and the digits; spaces, dashes, dots and brackets are punctuation people
// type.
std::string normalise_phone(std::string_view raw) {
    std::string phone;
    for (char c : raw) {
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && phone.empty())) {
            phone += c;
        } else if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '.' &&
                   c != '(' && c != ')') {
            throw UserError(fmt::format("'{}' is not a phone number: '{}' is not allowed", raw, c));
        }
    }
    const auto digits = std::count_if(phone.begin(), phone.end(), [](char c) { return c != '+'; });
    if (digits < 5 || digits > 15) {
        throw UserError(fmt::format(
            "'{}' is not a phone number; it needs 5 to 15 digits, like +98 21 1234 5678", raw));
    }
    return phone;
}

// The text with LIKE's wildcards escaped, so "5%" and "_" are searched for literally.
std::string like_pattern(std::string_view text) {
    std::string pattern;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern;
}

// The digits of text that reads as a phone number (digits, spaces, + - ( ) .), else "".
std::string phone_digits(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
            return "";
        }
    }
    return digits.size() >= 3 ? digits : "";
}

std::string contact_key(ContactKind kind, std::string_view value) {
    return kind == ContactKind::email ? normalise_email(value) : normalise_phone(value);
}

void load_details(SQLite::Database& sql, Customer& c) {
    SQLite::Statement contacts(
        sql,
        "SELECT kind, value, label, is_primary FROM customer_contacts WHERE customer_id = ? "
        "ORDER BY position");
    contacts.bind(1, static_cast<int64_t>(c.id));
    while (contacts.executeStep()) {
        c.contacts.push_back({parse_contact_kind(contacts.getColumn(0).getString()),
                              contacts.getColumn(1).getString(), contacts.getColumn(2).getString(),
                              contacts.getColumn(3).getInt() != 0});
    }
    SQLite::Statement consents(sql,
                               "SELECT channel, granted, at, source FROM customer_consents WHERE "
                               "customer_id = ? ORDER BY at, id");
    consents.bind(1, static_cast<int64_t>(c.id));
    while (consents.executeStep()) {
        c.consents.push_back(
            {consents.getColumn(0).getString(), consents.getColumn(1).getInt() != 0,
             from_unix(consents.getColumn(2).getInt64()), consents.getColumn(3).getString()});
    }
    SQLite::Statement memberships(sql,
                                  "SELECT company_id, role FROM customer_memberships WHERE "
                                  "person_id = ? ORDER BY company_id");
    memberships.bind(1, static_cast<int64_t>(c.id));
    while (memberships.executeStep()) {
        c.memberships.push_back(
            {memberships.getColumn(0).getInt64(), memberships.getColumn(1).getString()});
    }
    SQLite::Statement tags(sql, "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag");
    tags.bind(1, static_cast<int64_t>(c.id));
    while (tags.executeStep()) c.tags.push_back(tags.getColumn(0).getString());
    SQLite::Statement attributes(
        sql, "SELECT name, type, value FROM customer_attributes WHERE customer_id = ?");
    attributes.bind(1, static_cast<int64_t>(c.id));
    while (attributes.executeStep()) {
        c.attributes.emplace(
            attributes.getColumn(0).getString(),
            read_attribute(attributes.getColumn(1).getString(), attributes.getColumn(2)));
    }
}

constexpr const char* kCustomerColumns =
    "SELECT id, kind, name, given_name, family_name, language, time_zone, birthday, "
    "lifecycle_stage, created_at, "
    "updated_at, external_id FROM customers";

Customer read_customer(SQLite::Database& sql, SQLite::Statement& row) {
    Customer c;
    c.id = row.getColumn(0).getInt64();
    c.kind = parse_customer_kind(row.getColumn(1).getString());
    c.name = row.getColumn(2).getString();
    c.given_name = row.getColumn(3).getString();
    c.family_name = row.getColumn(4).getString();
    c.language = row.getColumn(5).getString();
    c.time_zone = row.getColumn(6).getString();
    if (!row.getColumn(7).isNull()) c.birthday = parse_date(row.getColumn(7).getString());
    c.lifecycle_stage = row.getColumn(8).getString();
    c.created_at = from_unix(row.getColumn(9).getInt64());
    c.updated_at = from_unix(row.getColumn(10).getInt64());
    if (!row.getColumn(11).isNull()) c.external_id = row.getColumn(11).getString();
    load_details(sql, c);
    return c;
}

std::vector<std::string> changed_fields(const Customer& before, const Customer& after) {
    std::vector<std::string> fields;
    const auto check = [&](bool differs, const char* name) {
        if (differs) fields.emplace_back(name);
    };
    check(before.kind != after.kind, "kind");
    check(before.external_id != after.external_id, "external_id");
    check(before.name != after.name, "name");
    check(before.given_name != after.given_name, "given_name");
    check(before.family_name != after.family_name, "family_name");
    check(before.contacts != after.contacts, "contacts");
    check(before.memberships != after.memberships, "memberships");
    check(before.language != after.language, "language");
    check(before.time_zone != after.time_zone, "time_zone");
    check(before.birthday != after.birthday, "birthday");
    check(before.tags != after.tags, "tags");
    check(before.attributes != after.attributes, "attributes");
    return fields;
}

}  // namespace

Customer normalised(const Customer& customer) {
    Customer c = customer;
    c.name = collapse_spaces(c.name);
    c.given_name = collapse_spaces(c.given_name);
    c.family_name = collapse_spaces(c.family_name);
    c.external_id = collapse_spaces(c.external_id);
    if (c.name.empty()) c.name = collapse_spaces(c.given_name + " " + c.family_name);
    if (c.name.empty()) throw UserError("a customer needs a name (or a given and family name)");
    std::set<std::pair<ContactKind, std::string>> seen;
    for (auto& contact : c.contacts) {
        contact.value = contact_key(contact.kind, contact.value);
        if (!seen.emplace(contact.kind, contact.value).second) {
            throw UserError(fmt::format("{} '{}' is listed twice for the same customer",
                                        to_string(contact.kind), contact.value));
        }
    }
    std::sort(c.tags.begin(), c.tags.end());
    c.tags.erase(std::unique(c.tags.begin(), c.tags.end()), c.tags.end());
    for (const auto& m : c.memberships) {
        if (c.kind == CustomerKind::company)
            throw UserError("a company cannot be a member of another company");
        if (m.company_id == c.id) throw UserError("a customer cannot be a member of itself");
    }
    return c;
}

void SqliteCustomerStore::write_details(CustomerId id, const Customer& c) {
    auto& sql = db_.sql();
    for (const char* table : {"customer_contacts", "customer_tags", "customer_attributes"}) {
        SQLite::Statement clear(sql, fmt::format("DELETE FROM {} WHERE customer_id = ?", table));
        clear.bind(1, static_cast<int64_t>(id));
        clear.exec();
    }
    SQLite::Statement clear_memberships(sql,
                                        "DELETE FROM customer_memberships WHERE person_id = ?");
    clear_memberships.bind(1, static_cast<int64_t>(id));
    clear_memberships.exec();

    SQLite::Statement contact(sql, "INSERT INTO customer_contacts VALUES (?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const auto& point : c.contacts) {
        if (auto owner = find_by_contact(point.kind, point.value); owner && *owner != id) {
            throw UserError(fmt::format(
                "{} '{}' already belongs to customer #{}; merge the two customers or use "
                "another {}",
                to_string(point.kind), point.value, *owner, to_string(point.kind)));
        }
        contact.bind(1, static_cast<int64_t>(id));
        contact.bind(2, position++);
        contact.bind(3, to_string(point.kind));
        contact.bind(4, point.value);
        contact.bind(5, point.label);
        contact.bind(6, point.primary ? 1 : 0);
        contact.exec();
        contact.reset();
    }
    SQLite::Statement membership(sql, "INSERT INTO customer_memberships VALUES (?, ?, ?)");
    for (const auto& m : c.memberships) {
        const auto company = find(m.company_id);
        if (!company || company->kind != CustomerKind::company) {
            throw UserError(
                fmt::format("customer #{} is not a company; a person can only belong to a company",
                            m.company_id));
        }
        membership.bind(1, static_cast<int64_t>(id));
        membership.bind(2, static_cast<int64_t>(m.company_id));
        membership.bind(3, m.role);
        membership.exec();
        membership.reset();
    }
    SQLite::Statement tag(sql, "INSERT INTO customer_tags VALUES (?, ?)");
    for (const auto& t : c.tags) {
        tag.bind(1, static_cast<int64_t>(id));
        tag.bind(2, t);
        tag.exec();
        tag.reset();
    }
    SQLite::Statement attribute(sql, "INSERT INTO customer_attributes VALUES (?, ?, ?, ?)");
    for (const auto& [name, value] : c.attributes) {
        attribute.bind(1, static_cast<int64_t>(id));
        attribute.bind(2, name);
        attribute.bind(3, attribute_type_name(value));
        bind_attribute(attribute, 4, value);
        attribute.exec();
        attribute.reset();
    }
}

CustomerId SqliteCustomerStore::create(const Customer& input) {
    const Customer c = normalised(input);
    const auto at = or_now(c.created_at);
    Transaction tx(db_);
    SQLite::Statement insert(
        db_.sql(),
        "INSERT INTO customers (kind, name, given_name, family_name, language, time_zone, "
        "birthday, "
        "lifecycle_stage, created_at, updated_at, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)");
    bind_profile(insert, c);
    insert.bind(8, c.lifecycle_stage);
    insert.bind(9, static_cast<int64_t>(to_unix(at)));
    insert.bind(10, static_cast<int64_t>(to_unix(at)));
    check_external_id_free(0, c.external_id);
    bind_text_or_null(insert, 11, c.external_id);
    insert.exec();
    const CustomerId id = db_.sql().getLastInsertRowid();
    write_details(id, c);
    for (const auto& consent : c.consents) record_consent(id, consent);
    log_.append(events::CustomerCreated{id, to_string(c.kind), c.name}, at);
    tx.commit();
    return id;
}

void SqliteCustomerStore::update(const Customer& input) {
    Transaction tx(db_);
    const Customer before = get(input.id);
    Customer c = normalised(input);
    const auto fields = changed_fields(before, c);
    if (fields.empty()) return;  // nothing changed: no write, no event
    SQLite::Statement update(
        db_.sql(),
        "UPDATE customers SET kind = ?, name = ?, given_name = ?, family_name = ?, language = ?, "
        "time_zone = ?, birthday = ?, external_id = ? WHERE id = ?");
    bind_profile(update, c);
    check_external_id_free(c.id, c.external_id);
    bind_text_or_null(update, 8, c.external_id);
    update.bind(9, static_cast<int64_t>(c.id));
    update.exec();
    write_details(c.id, c);
    touch(c.id, fields);
    tx.commit();
}

void SqliteCustomerStore::touch(CustomerId id, const std::vector<std::string>& fields) {
    const auto at = now();
    SQLite::Statement stamp(db_.sql(), "UPDATE customers SET updated_at = ? WHERE id = ?");
    stamp.bind(1, static_cast<int64_t>(to_unix(at)));
    stamp.bind(2, static_cast<int64_t>(id));
    stamp.exec();
    log_.append(events::CustomerUpdated{id, fields}, at);
}

std::optional<Customer> SqliteCustomerStore::find(CustomerId id) const {
    SQLite::Statement query(db_.sql(), std::string(kCustomerColumns) + " WHERE id = ?");
    query.bind(1, static_cast<int64_t>(id));
    if (!query.executeStep()) return std::nullopt;
    return read_customer(db_.sql(), query);
}

Customer SqliteCustomerStore::get(CustomerId id) const {
    if (auto c = find(id)) return *std::move(c);
    throw NotFound(
        fmt::format("there is no customer #{}; `moshtari customers list` shows who there is", id));
}

std::vector<Customer> SqliteCustomerStore::list(const CustomerQuery& q) const {
    // ?1: the text as a LIKE pattern, matched against names and (lower-cased) contacts; ?6: its
    // digits, so "+98 21 1234" finds the stored "+98211234...".
    SQLite::Statement query(
        db_.sql(),
        std::string(kCustomerColumns) +
            " WHERE (?1 = '' OR name LIKE '%' || ?1 || '%' ESCAPE '\\' OR id IN (SELECT "
            "customer_id FROM customer_contacts WHERE value LIKE '%' || lower(?1) || '%' ESCAPE "
            "'\\' OR (?6 <> '' AND kind = 'phone' AND value LIKE '%' || ?6 || '%')))"
            " AND (?2 = '' OR id IN (SELECT customer_id FROM customer_tags WHERE tag = ?2))"
            " AND (?3 = '' OR lifecycle_stage = ?3) ORDER BY id LIMIT ?4 OFFSET ?5");
    query.bind(1, like_pattern(q.text));
    query.bind(2, q.tag);
    query.bind(3, q.lifecycle_stage);
    query.bind(4, static_cast<int64_t>(q.limit));
    query.bind(5, static_cast<int64_t>(q.offset));
    query.bind(6, phone_digits(q.text));
    std::vector<Customer> customers;
    while (query.executeStep()) customers.push_back(read_customer(db_.sql(), query));
    return customers;
}

std::optional<CustomerId> SqliteCustomerStore::find_by_contact(ContactKind kind,
                                                               std::string_view value) const {
    SQLite::Statement query(
        db_.sql(), "SELECT customer_id FROM customer_contacts WHERE kind = ? AND value = ?");
    query.bind(1, to_string(kind));
    query.bind(2, contact_key(kind, value));
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::optional<CustomerId> SqliteCustomerStore::find_by_external_id(
    std::string_view external_id) const {
    SQLite::Statement query(db_.sql(), "SELECT id FROM customers WHERE external_id = ?");
    query.bind(1, std::string(external_id));
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getInt64();
}

void SqliteCustomerStore::check_external_id_free(CustomerId id,
                                                 std::string_view external_id) const {
    if (external_id.empty()) return;
    if (const auto owner = find_by_external_id(external_id); owner && *owner != id) {
        throw UserError(
            fmt::format("external id '{}' already belongs to customer #{}", external_id, *owner));
    }
}

void SqliteCustomerStore::add_tags(CustomerId id, const std::vector<std::string>& tags) {
    Transaction tx(db_);
    Customer c = get(id);
    c.tags.insert(c.tags.end(), tags.begin(), tags.end());
    update(c);
    tx.commit();
}

void SqliteCustomerStore::remove_tags(CustomerId id, const std::vector<std::string>& tags) {
    Transaction tx(db_);
    Customer c = get(id);
    std::erase_if(c.tags, [&](const std::string& t) {
        return std::find(tags.begin(), tags.end(), t) != tags.end();
    });
    update(c);
    tx.commit();
}

void SqliteCustomerStore::record_consent(CustomerId id, const Consent& consent) {
    if (consent.channel.empty())
        throw UserError("consent needs a channel, such as email, sms or phone");
    Transaction tx(db_);
    get(id);
    const auto at = or_now(consent.at);
    SQLite::Statement insert(
        db_.sql(),
        "INSERT INTO customer_consents (customer_id, channel, granted, at, source) "
        "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(id));
    insert.bind(2, consent.channel);
    insert.bind(3, consent.granted ? 1 : 0);
    insert.bind(4, static_cast<int64_t>(to_unix(at)));
    insert.bind(5, consent.source);
    insert.exec();
    log_.append(events::ConsentChanged{id, consent.channel, consent.granted, consent.source}, at);
    tx.commit();
}

void SqliteCustomerStore::set_lifecycle_stage(CustomerId id, std::string_view stage) {
    if (!db_.in_transaction()) {
        // The stage is a segmenter's effect: it must commit with the segmenter's cursor and event.
        throw std::logic_error("set_lifecycle_stage must run inside the segmenter's transaction");
    }
    SQLite::Statement update(
        db_.sql(), "UPDATE customers SET lifecycle_stage = ?, updated_at = ? WHERE id = ?");
    update.bind(1, std::string(stage));
    update.bind(2, static_cast<int64_t>(to_unix(now())));
    update.bind(3, static_cast<int64_t>(id));
    if (update.exec() == 0) get(id);  // throws NotFound
}

std::size_t SqliteCustomerStore::count() const {
    SQLite::Statement query(db_.sql(), "SELECT COUNT(*) FROM customers");
    query.executeStep();
    return static_cast<std::size_t>(query.getColumn(0).getInt64());
}

}  // namespace moshtari::sqlite
