#include "interaction_importer.hpp"

#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/workspace.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

InteractionImporter::InteractionImporter(Workspace& workspace, const ContactNormaliser& normaliser,
                                         ImportOptions options, ImportReport& report)
    : workspace_(workspace),
      options_(std::move(options)),
      report_(report),
      customers_(*make_bulk_reader(workspace.database()), normaliser),
      store_(make_bulk_interactions(workspace.database())) {}

InteractionImporter::Incoming InteractionImporter::parse(
    const std::vector<FieldValue>& values) const {
    Incoming in;
    Interaction& i = in.interaction;
    CustomerReference customer;
    for (const auto& [field_ptr, column_ptr, raw] : values) {
        const std::string& field = *field_ptr;
        if (customer.take(field, *column_ptr, raw) || trimmed(raw).empty()) continue;
        try {
            if (field == "external_id") {
                i.external_id = trimmed(raw);
            } else if (field == "channel") {
                i.channel = trimmed(raw);
            } else if (field == "kind") {
                i.kind = trimmed(raw);
            } else if (field == "direction") {
                i.direction = parse_direction(ascii_lowercase(trimmed(raw)));
                in.direction_given = true;
            } else if (field == "at") {
                i.at = parse_time_or_throw(trimmed(raw), "the time");
            } else if (field == "outcome") {
                i.outcome = trimmed(raw);
            } else if (field == "text") {
                i.text = raw;
            }
        } catch (const UserError& error) {
            throw RowError(*column_ptr, error.what());
        }
    }
    if (i.at == Timestamp{}) {
        throw RowError("",
                       "the interaction has no time (the field at); a re-run could not "
                       "recognise it without one");
    }
    i.customer_id = customers_.find(customer);
    return in;
}

void InteractionImporter::count(Outcome outcome, InteractionId id) {
    report_.count(outcome);
    tally_.add(outcome, id);
}

void InteractionImporter::import_row(const std::vector<FieldValue>& values) {
    Incoming in = parse(values);
    Interaction& row = in.interaction;
    const std::optional<Interaction> existing =
        row.external_id.empty() ? store_->find_same(row) : store_->find(row.external_id);
    if (!existing) {
        row.id = store_->add(row);
        count(Outcome::created, row.id);
        return;
    }
    const bool overwrite = options_.mode == Mode::update;
    Interaction target = *existing;
    const auto set = [&](std::string& field, const std::string& value) {
        if (!value.empty() && (overwrite || field.empty())) field = value;
    };
    if (overwrite) {
        target.customer_id = row.customer_id;
        target.at = row.at;
        if (in.direction_given) target.direction = row.direction;
    }
    set(target.channel, row.channel);
    set(target.kind, row.kind);
    set(target.outcome, row.outcome);
    set(target.text, row.text);
    if (target == *existing) {
        count(Outcome::unchanged, target.id);
        return;
    }
    if (options_.mode == Mode::create_only) {
        report_.skip(
            "the interaction exists and --mode create-only leaves existing interactions as they "
            "are");
        return;
    }
    store_->replace(target);
    count(overwrite ? Outcome::updated : Outcome::merged, target.id);
}

long InteractionImporter::run(CsvReader& reader, const RowMapper& mapper, Progress& progress) {
    Batches batches(workspace_.database(), options_.batch_size, options_.dry_run, [this] {
        if (tally_.changed()) {
            workspace_.event_log().append(events::InteractionsImported{
                tally_.first_id, tally_.last_id, tally_.created, tally_.updated, tally_.merged});
        }
        tally_ = {};
    });
    return import_rows(reader, mapper, report_, batches, progress,
                       [this](const std::vector<FieldValue>& values) { import_row(values); });
}

}  // namespace moshtari::data_csv
