#include "import_loop.hpp"

namespace moshtari::data_csv {

void BatchTally::add(Outcome outcome, std::int64_t id) {
    if (outcome == Outcome::created) {
        if (first_id == 0) first_id = id;
        last_id = id;
        ++created;
    } else if (outcome == Outcome::updated) {
        ++updated;
    } else if (outcome == Outcome::merged) {
        ++merged;
    }
}

long import_rows(CsvReader& reader, const RowMapper& mapper, ImportReport& report, Batches& batches,
                 Progress& progress,
                 const std::function<void(const std::vector<FieldValue>&)>& import_row) {
    CsvRecord record;
    long rows = 0;
    while (reader.next(record)) {
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // a blank line
        ++rows;
        try {
            import_row(mapper.map(record));
        } catch (const RowError& error) {
            report.reject(record, error.column(), error.what());
        } catch (const UserError& error) {
            report.reject(record, "", error.what());
        }
        batches.row_done();
        if (batches.due()) batches.commit();
        progress.tick(rows);
    }
    batches.finish();
    progress.finish();
    return rows;
}

}  // namespace moshtari::data_csv
