#pragma once
// Imports orders: rows with the same external id are one order's lines. The lines of one order
// may be spread over the file; those of an order this run created are added to it, and for an
// order stored before the run only the lines it does not have yet are added, so a re-run, or a run
// resumed after a crash, adds exactly what is missing.

#include <memory>
#include <optional>
#include <string>
#include <vector>

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

class OrderImporter {
  public:
    OrderImporter(Workspace& workspace, ImportOptions options, ImportReport& report);
    ~OrderImporter();

    // Returns the number of rows read.
    long run(CsvReader& reader, const RowMapper& mapper, Progress& progress);

  private:
    // The consecutive rows of one order, as read so far.
    struct Group {
        Order order;
        std::string customer_external_id;
        std::string customer_column;
        std::optional<std::int64_t> total;  // when a column gives it
        std::vector<CsvRecord> records;
    };

    void add_row(const CsvRecord& record, const RowMapper& mapper);
    // Ends the open order: rejected when its customer is unknown, else joined to the pending order
    // with its number or kept for store_pending().
    void flush();
    // Writes the batch's orders, sorted by customer.
    void store_pending();
    void store(Group& group);
    void reject_group(const Group& group, const std::string& column, const std::string& reason);

    Workspace& workspace_;
    ImportOptions options_;
    ImportReport& report_;
    std::unique_ptr<BulkReader> reader_;
    std::unique_ptr<BulkWriter> writer_;
    KeyIndex customers_;  // by external id
    std::optional<Group> group_;
    // This batch's orders, their customers resolved, written sorted by customer: at most
    // kSortWindow at a time (about 60 MB), whatever --batch-size says.
    static constexpr std::size_t kSortWindow = 100'000;
    std::vector<Group> pending_;
    KeyIndex pending_numbers_;  // the pending orders' external ids: position in pending_ + 1
    OrderId first_of_run_ = 0;  // orders with this id or more were created by this run
    // Stored orders whose outcome this run has counted, by id: an order whose lines are spread
    // over the file counts once. A bit per id stays small however many orders there are.
    std::vector<bool> counted_;
    // This batch's counts, for its OrdersImported event.
    OrderId first_created_ = 0, last_created_ = 0;
    long created_ = 0, updated_ = 0;
};

}  // namespace moshtari::data_csv
