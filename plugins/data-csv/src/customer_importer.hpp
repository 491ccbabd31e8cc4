#pragma once
// Imports customers row by row: normalises, matches an existing customer by the rules in order,
// then creates, updates, merges or leaves it as the mode says. One outcome per row.

#include <memory>
#include <optional>

#include "contact_normaliser.hpp"
#include "import_loop.hpp"
#include "import_options.hpp"
#include "import_report.hpp"
#include "key_index.hpp"
#include "moshtari/bulk_reader.hpp"
#include "moshtari/bulk_writer.hpp"
#include "progress.hpp"
#include "row_mapper.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::data_csv {

class CustomerImporter {
  public:
    CustomerImporter(Workspace& workspace, const ContactNormaliser& normaliser,
                     ImportOptions options, ImportReport& report);
    ~CustomerImporter();

    // Returns the number of rows read.
    long run(CsvReader& reader, const RowMapper& mapper, Progress& progress);

  private:
    struct Incoming;
    struct Prepared;
    Incoming parse(const std::vector<FieldValue>& values) const;
    // Runs on a read-ahead thread: maps and normalises a row read.
    void prepare(const RowMapper& mapper, Prepared& row) const;
    // Consumes the row's customer.
    void import_row(Incoming& in);
    std::optional<CustomerId> match(const Incoming& row);
    // The stored customer; nullptr when another process merged or erased it after the index
    // learnt its keys.
    const Customer* load(CustomerId id);
    void remember(Customer customer);

    Workspace& workspace_;
    const ContactNormaliser& normaliser_;
    ImportOptions options_;
    ImportReport& report_;
    std::unique_ptr<BulkReader> reader_;
    std::unique_ptr<BulkWriter> writer_;
    KeyIndex external_ids_, emails_, phones_;
    // The customer last read or written: rows about one customer often come together (one per
    // invoice line), and re-reading it for each would cost more than the rest of the row.
    std::optional<Customer> last_;
    // This batch's counts, for its CustomersImported event.
    BatchTally tally_;
};

}  // namespace moshtari::data_csv
