#pragma once
// What the interaction and deal imports share: every row mapped and imported on its own, a bad one
// rejected with its line, column and reason, a commit every batch_size rows; and the counts of the
// batch in progress, for its one batch event.

#include <cstdint>
#include <functional>
#include <vector>

#include "batches.hpp"
#include "import_report.hpp"
#include "moshtari/error.hpp"
#include "progress.hpp"
#include "row_mapper.hpp"

namespace moshtari::data_csv {

struct BatchTally {
    std::int64_t first_id = 0, last_id = 0;  // of the records created
    std::int64_t created = 0, updated = 0, merged = 0;

    void add(Outcome outcome, std::int64_t id);
    bool changed() const { return created + updated + merged > 0; }
};

// A line with nothing on it, which imports skip without counting it as a row.
inline bool is_blank(const CsvRecord& record) {
    return record.fields.size() == 1 && record.fields[0].empty();
}

// Runs `import`; a RowError or UserError it throws rejects `record` in `report`, with the column
// and reason, and the import goes on.
template <class Import>
void import_or_reject(const CsvRecord& record, ImportReport& report, Import&& import) {
    try {
        import();
    } catch (const RowError& error) {
        report.reject(record, error.column(), error.what());
    } catch (const UserError& error) {
        report.reject(record, "", error.what());
    }
}

// Returns the number of rows read. `import_row` throws RowError or UserError to reject the row.
long import_rows(CsvReader& reader, const RowMapper& mapper, ImportReport& report, Batches& batches,
                 Progress& progress,
                 const std::function<void(const std::vector<FieldValue>&)>& import_row);

}  // namespace moshtari::data_csv
