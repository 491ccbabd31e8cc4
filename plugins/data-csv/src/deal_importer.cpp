#include "deal_importer.hpp"

#include <fmt/format.h>

#include "amount.hpp"
#include "moshtari/config.hpp"
#include "moshtari/deal_rules.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/workspace.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

namespace {

// Who the deals' history names as having moved them.
constexpr std::string_view kMovedBy = "import";

// Runs `check`, blaming `column` for the UserError it throws.
template <class Check>
decltype(auto) blaming(const std::string& column, Check check) {
    try {
        return check();
    } catch (const UserError& error) {
        throw RowError(column, error.what());
    }
}

}  // namespace

DealImporter::DealImporter(Workspace& workspace, const ContactNormaliser& normaliser,
                           ImportOptions options, ImportReport& report)
    : workspace_(workspace),
      options_(std::move(options)),
      report_(report),
      customers_(*make_bulk_reader(workspace.database()), normaliser),
      store_(make_bulk_deals(workspace.database(), workspace.pipelines())) {
    if (options_.currency.empty()) options_.currency = workspace.config().default_currency();
}

DealImporter::Incoming DealImporter::parse(const std::vector<FieldValue>& values) const {
    Incoming in;
    Deal& d = in.deal;
    d.value.currency = options_.currency;
    CustomerReference customer;
    for (const auto& [field_ptr, column_ptr, raw] : values) {
        const std::string& field = *field_ptr;
        const std::string& column = *column_ptr;
        if (customer.take(field, column, raw) || trimmed(raw).empty()) continue;
        blaming(column, [&] {
            if (field == "external_id") {
                d.external_id = trimmed(raw);
            } else if (field == "title") {
                d.title = collapse_spaces(raw);
            } else if (field == "pipeline") {
                d.pipeline_id = trimmed(raw);
                in.pipeline_column = column;
            } else if (field == "stage") {
                d.stage_id = trimmed(raw);
                in.stage_column = column;
            } else if (field == "value") {
                in.value = trimmed(raw);
                in.value_column = column;
            } else if (field == "currency") {
                d.value.currency = trimmed(raw);
                in.currency_column = column;
            } else if (field == "owner") {
                d.owner = trimmed(raw);
            } else if (field == "expected_close") {
                d.expected_close = parse_date_or_throw(trimmed(raw), "the expected closing date");
            } else if (field == "created_at") {
                d.created_at = parse_time_or_throw(trimmed(raw), "the creation time");
            }
            return 0;
        });
    }
    const int digits =
        blaming(in.currency_column, [&] { return minor_unit_digits(d.value.currency); });
    if (!in.value.empty()) {
        d.value.minor_units =
            blaming(in.value_column, [&] { return parse_amount(in.value, digits); });
    }
    d.customer_id = customers_.find(customer);
    return in;
}

std::optional<Deal> DealImporter::find(const Incoming& in) {
    const Deal& d = in.deal;
    if (!d.external_id.empty()) return store_->find(d.external_id);
    if (d.title.empty() || d.pipeline_id.empty()) {
        throw RowError("",
                       "a deal without an external id is found by its customer, pipeline and "
                       "title; the row needs all three (or an external_id)");
    }
    const auto titled = store_->find_titled(d.customer_id, d.pipeline_id, d.title);
    if (titled.size() > 1) {
        throw RowError("", fmt::format("customer #{} has {} deals titled '{}' in pipeline '{}' "
                                       "(#{} and #{} first); give the rows an external_id to tell "
                                       "them apart",
                                       d.customer_id, titled.size(), d.title, d.pipeline_id,
                                       titled[0].id, titled[1].id));
    }
    if (titled.empty()) return std::nullopt;
    return titled.front();
}

void DealImporter::count(Outcome outcome, DealId id) {
    report_.count(outcome);
    tally_.add(outcome, id);
}

void DealImporter::import_row(const std::vector<FieldValue>& values) {
    Incoming in = parse(values);
    Deal& row = in.deal;
    const std::optional<Deal> existing = find(in);
    // The pipeline and stage the deal will be in, checked here to blame their columns.
    const std::string& pipeline_id =
        row.pipeline_id.empty() && existing ? existing->pipeline_id : row.pipeline_id;
    const Pipeline& pipeline = blaming(in.pipeline_column, [&]() -> const Pipeline& {
        if (pipeline_id.empty())
            throw UserError("a new deal needs a pipeline (the field pipeline)");
        return pipeline_or_throw(workspace_.pipelines(), pipeline_id);
    });
    if (!row.stage_id.empty()) {
        blaming(in.stage_column,
                [&]() -> const Stage& { return stage_or_throw(pipeline, row.stage_id); });
    }
    if (!existing) {
        row.id = store_->add(row);
        count(Outcome::created, row.id);
        return;
    }
    if (pipeline.id != existing->pipeline_id) {
        throw RowError(in.pipeline_column,
                       fmt::format("deal #{} is in pipeline '{}'; an import never moves a deal to "
                                   "another pipeline",
                                   existing->id, existing->pipeline_id));
    }
    const bool overwrite = options_.mode == Mode::update;
    Deal target = *existing;
    const auto set = [&](std::string& field, const std::string& value) {
        if (!value.empty() && (overwrite || field.empty())) field = value;
    };
    set(target.owner, row.owner);
    if (row.expected_close && (overwrite || !target.expected_close)) {
        target.expected_close = row.expected_close;
    }
    if (overwrite) {
        target.customer_id = row.customer_id;
        set(target.title, row.title);
        set(target.stage_id, row.stage_id);
        if (!in.value.empty()) target.value = row.value;
        if (row.created_at != Timestamp{}) target.created_at = row.created_at;
    }
    if (target == *existing) {
        count(Outcome::unchanged, target.id);
        return;
    }
    if (options_.mode == Mode::create_only) {
        report_.skip("the deal exists and --mode create-only leaves existing deals as they are");
        return;
    }
    blaming(target.stage_id != existing->stage_id ? in.stage_column : "", [&] {
        store_->replace(target, now(), kMovedBy);
        return 0;
    });
    count(overwrite ? Outcome::updated : Outcome::merged, target.id);
}

long DealImporter::run(CsvReader& reader, const RowMapper& mapper, Progress& progress) {
    Batches batches(workspace_.database(), options_.batch_size, options_.dry_run, [this] {
        if (tally_.changed()) {
            workspace_.event_log().append(events::DealsImported{
                tally_.first_id, tally_.last_id, tally_.created, tally_.updated, tally_.merged});
        }
        tally_ = {};
    });
    return import_rows(reader, mapper, report_, batches, progress,
                       [this](const std::vector<FieldValue>& values) { import_row(values); });
}

}  // namespace moshtari::data_csv
