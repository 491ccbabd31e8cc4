#include "customer_importer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "batches.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/workspace.hpp"
#include "read_ahead.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

namespace {

// With the main thread matching and writing, two more keep two cores busy: normalising a row
// (libphonenumber) costs a little more than writing it.
constexpr int kNormalisingThreads = 2;

bool same_customer(const Customer& a, const Customer& b) {
    return a.kind == b.kind && a.name == b.name && a.given_name == b.given_name &&
           a.family_name == b.family_name && a.external_id == b.external_id &&
           a.contacts == b.contacts && a.language == b.language && a.time_zone == b.time_zone &&
           a.birthday == b.birthday && a.tags == b.tags && a.attributes == b.attributes;
}

bool has_contact(const Customer& c, ContactKind kind, const std::string& value) {
    return std::any_of(c.contacts.begin(), c.contacts.end(),
                       [&](const ContactPoint& p) { return p.kind == kind && p.value == value; });
}

void add_contact(Customer& c, ContactKind kind, const std::string& value) {
    if (has_contact(c, kind, value)) return;
    const bool first_of_kind = std::none_of(c.contacts.begin(), c.contacts.end(),
                                            [&](const ContactPoint& p) { return p.kind == kind; });
    c.contacts.push_back({kind, value, "", first_of_kind});
}

}  // namespace

struct CustomerImporter::Incoming {
    Customer customer;
    bool kind_given = false;
    std::vector<std::pair<ContactKind, std::string>> contacts;
    std::string external_id_column, email_column, phone_column;
};

// A row as the read-ahead thread leaves it: normalised, or with the reason it is rejected.
struct CustomerImporter::Prepared {
    CsvRecord record;
    std::optional<Incoming> incoming;
    std::string reject_column, reject_reason;
};

CustomerImporter::CustomerImporter(Workspace& workspace, const ContactNormaliser& normaliser,
                                   ImportOptions options, ImportReport& report)
    : workspace_(workspace),
      normaliser_(normaliser),
      options_(std::move(options)),
      report_(report),
      reader_(make_bulk_reader(workspace.database())),
      // 64 MiB: with its three key indexes, a million-customer import peaks near 240 MB of the
      // 300 MB it may use; 128 MiB took it over.
      writer_(make_bulk_writer(workspace.database(), 64)) {
    reader_->each_customer_key([this](CustomerId id, CustomerKey kind, std::string_view key) {
        (kind == CustomerKey::external_id ? external_ids_
         : kind == CustomerKey::email     ? emails_
                                          : phones_)
            .put(key, id);
    });
}

CustomerImporter::~CustomerImporter() = default;

CustomerImporter::Incoming CustomerImporter::parse(const std::vector<FieldValue>& values) const {
    Incoming in;
    Customer& c = in.customer;
    for (const auto& [field_ptr, column_ptr, raw] : values) {
        const std::string& field = *field_ptr;
        const std::string& column = *column_ptr;
        if (trimmed(raw).empty()) continue;  // an empty cell sets nothing
        try {
            if (field == "external_id") {
                c.external_id = trimmed(raw);
                in.external_id_column = column;
            } else if (field == "name") {
                c.name = ContactNormaliser::name(raw);
            } else if (field == "given_name") {
                c.given_name = ContactNormaliser::name(raw);
            } else if (field == "family_name") {
                c.family_name = ContactNormaliser::name(raw);
            } else if (field == "kind") {
                c.kind = parse_customer_kind(trimmed(raw));
                in.kind_given = true;
            } else if (field == "email") {
                in.contacts.emplace_back(ContactKind::email, normaliser_.email(raw));
                in.email_column = column;
            } else if (field == "phone") {
                in.contacts.emplace_back(ContactKind::phone, normaliser_.phone(raw));
                in.phone_column = column;
            } else if (field == "language") {
                c.language = trimmed(raw);
            } else if (field == "time_zone") {
                c.time_zone = trimmed(raw);
            } else if (field == "birthday") {
                c.birthday = parse_date_or_throw(trimmed(raw), "the birthday");
            } else if (field == "tags") {
                for (auto& tag : split(raw, ',')) {
                    if (auto t = trimmed(tag); !t.empty()) c.tags.push_back(std::move(t));
                }
            } else {
                c.attributes.insert_or_assign(field.substr(field.find('.') + 1), trimmed(raw));
            }
        } catch (const UserError& error) {
            throw RowError(column, error.what());
        }
    }
    for (const auto& [kind, value] : in.contacts) add_contact(c, kind, value);
    std::sort(c.tags.begin(), c.tags.end());
    c.tags.erase(std::unique(c.tags.begin(), c.tags.end()), c.tags.end());
    return in;
}

const Customer* CustomerImporter::load(CustomerId id) {
    if (!last_ || last_->id != id) last_ = reader_->find_customer(id);
    return last_ ? &*last_ : nullptr;
}

void CustomerImporter::remember(Customer customer) {
    if (!customer.external_id.empty()) external_ids_.put(customer.external_id, customer.id);
    for (const auto& p : customer.contacts) {
        (p.kind == ContactKind::email ? emails_ : phones_).put(p.value, customer.id);
    }
    last_ = std::move(customer);
}

std::optional<CustomerId> CustomerImporter::match(const Incoming& in) {
    // `kind` is empty for an external id.
    const auto confirmed = [&](const KeyIndex& index, std::optional<ContactKind> kind,
                               const std::string& key) -> std::optional<CustomerId> {
        const auto id = index.find(key);
        if (!id) return std::nullopt;
        // The index only ever gains keys; one a customer has since lost, or a customer gone
        // since, no longer matches.
        const Customer* c = load(*id);
        if (!c) return std::nullopt;
        const bool holds = kind ? has_contact(*c, *kind, key) : c->external_id == key;
        return holds ? id : std::nullopt;
    };
    for (const MatchRule rule : options_.match) {
        if (rule == MatchRule::external_id && !in.customer.external_id.empty()) {
            if (auto id = confirmed(external_ids_, std::nullopt, in.customer.external_id))
                return id;
        }
        for (const auto& [kind, value] : in.contacts) {
            const bool wanted = (rule == MatchRule::email && kind == ContactKind::email) ||
                                (rule == MatchRule::phone && kind == ContactKind::phone);
            if (!wanted) continue;
            if (auto id = confirmed(kind == ContactKind::email ? emails_ : phones_, kind, value))
                return id;
        }
    }
    return std::nullopt;
}

void CustomerImporter::prepare(const RowMapper& mapper, Prepared& row) const {
    row.incoming.reset();
    try {
        row.incoming = parse(mapper.map(row.record));
    } catch (const RowError& error) {
        row.reject_column = error.column();
        row.reject_reason = error.what();
    } catch (const UserError& error) {
        row.reject_column.clear();
        row.reject_reason = error.what();
    }
}

void CustomerImporter::import_row(Incoming& in) {
    const Customer& row = in.customer;
    if (row.external_id.empty() && in.contacts.empty()) {
        report_.skip("nothing identifies the customer: no external id, email or phone");
        return;
    }
    const std::optional<CustomerId> matched = match(in);
    // A key the row brings that another customer already has: importing it would either steal
    // it or fail on the store's uniqueness, so the row goes back to the user.
    const auto check_free = [&](const KeyIndex& index, std::optional<ContactKind> kind,
                                const std::string& key, const std::string& what,
                                const std::string& column) {
        const auto owner = index.find(key);
        if (!owner || owner == matched) return;
        const auto holder = reader_->find_customer(*owner);
        if (!holder || (kind ? !has_contact(*holder, *kind, key) : holder->external_id != key))
            return;
        throw RowError(column,
                       fmt::format("{} '{}' already belongs to customer #{}{}", what, key, *owner,
                                   matched ? fmt::format(", not to customer #{} that the "
                                                         "row matched",
                                                         *matched)
                                           : ""));
    };
    if (!row.external_id.empty() &&
        (!matched || options_.mode == Mode::update || load(*matched)->external_id.empty())) {
        check_free(external_ids_, std::nullopt, row.external_id, "external id",
                   in.external_id_column);
    }
    for (const auto& [kind, value] : in.contacts) {
        if (kind == ContactKind::email) {
            check_free(emails_, kind, value, "email", in.email_column);
        } else {
            check_free(phones_, kind, value, "phone", in.phone_column);
        }
    }

    if (!matched) {
        Customer& fresh = in.customer;  // the row is used up here: no copy
        if (fresh.name.empty() && fresh.given_name.empty() && fresh.family_name.empty()) {
            // The store needs a name; a list of ids and addresses still deserves to be imported.
            fresh.name = !fresh.external_id.empty() ? fresh.external_id : fresh.contacts[0].value;
        }
        fresh.id = writer_->add_customer(fresh);
        tally_.add(Outcome::created, fresh.id);
        report_.count(Outcome::created);
        remember(std::move(fresh));  // parse() already normalised it as the writer does
        return;
    }

    // last_, unchanged until remember() below; match() found it stored.
    const Customer& existing = *load(*matched);
    const bool overwrite = options_.mode == Mode::update;
    Customer target = existing;
    const auto set = [&](std::string& field, const std::string& value) {
        if (!value.empty() && (overwrite || field.empty())) field = value;
    };
    set(target.name, row.name);
    set(target.given_name, row.given_name);
    set(target.family_name, row.family_name);
    set(target.external_id, row.external_id);
    set(target.language, row.language);
    set(target.time_zone, row.time_zone);
    if (in.kind_given && overwrite) target.kind = row.kind;
    if (row.birthday && (overwrite || !target.birthday)) target.birthday = row.birthday;
    for (const auto& [kind, value] : in.contacts) add_contact(target, kind, value);
    target.tags.insert(target.tags.end(), row.tags.begin(), row.tags.end());
    std::sort(target.tags.begin(), target.tags.end());
    target.tags.erase(std::unique(target.tags.begin(), target.tags.end()), target.tags.end());
    for (const auto& [name, value] : row.attributes) {
        if (overwrite || !target.attributes.contains(name))
            target.attributes.insert_or_assign(name, value);
    }

    if (same_customer(existing, target)) {
        report_.count(Outcome::unchanged);
        return;
    }
    if (options_.mode == Mode::create_only) {
        report_.skip(
            "the customer exists and --mode create-only leaves existing customers as they are");
        return;
    }
    writer_->replace_customer(target);
    const Outcome outcome = overwrite ? Outcome::updated : Outcome::merged;
    tally_.add(outcome, target.id);
    report_.count(outcome);
    remember(std::move(target));
}

long CustomerImporter::run(CsvReader& reader, const RowMapper& mapper, Progress& progress) {
    Batches batches(workspace_.database(), options_.batch_size, options_.dry_run, [this] {
        if (tally_.changed()) {
            workspace_.event_log().append(events::CustomersImported{
                tally_.first_id, tally_.last_id, tally_.created, tally_.updated, tally_.merged});
        }
        tally_ = {};
    });
    ReadAhead<Prepared> rows_ahead(
        [&](Prepared& row) {
            do {
                if (!reader.next(row.record)) return false;
            } while (is_blank(row.record));
            return true;
        },
        [&](Prepared& row) { prepare(mapper, row); }, kNormalisingThreads);
    Prepared prepared;
    long rows = 0;
    while (rows_ahead.next(prepared)) {
        ++rows;
        const CsvRecord& record = prepared.record;
        import_or_reject(record, report_, [&] {
            if (!prepared.incoming) throw RowError(prepared.reject_column, prepared.reject_reason);
            import_row(*prepared.incoming);
        });
        batches.row_done();
        if (batches.due()) batches.commit();
        progress.tick(rows);
    }
    batches.finish();
    progress.finish();
    return rows;
}

}  // namespace moshtari::data_csv
