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
        if (is_blank(record)) continue;
        ++rows;
        import_or_reject(record, report, [&] { import_row(mapper.map(record)); });
        batches.row_done();
        if (batches.due()) batches.commit();
        progress.tick(rows);
    }
    batches.finish();
    progress.finish();
    return rows;
}

}  // namespace moshtari::data_csv
