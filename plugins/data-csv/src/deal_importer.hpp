#pragma once
// Imports deals, one per row, for customers already stored and into the configured pipelines. A
// row with an external id is found again by it; one without, by its customer, pipeline and title.
// In update mode a new stage moves the deal as `moshtari deals move` would, recorded in its
// history.

#include <memory>

#include "customer_lookup.hpp"
#include "import_loop.hpp"
#include "import_options.hpp"
#include "moshtari/bulk_deals.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::data_csv {

class DealImporter {
  public:
    DealImporter(Workspace& workspace, const ContactNormaliser& normaliser, ImportOptions options,
                 ImportReport& report);

    // Returns the number of rows read.
    long run(CsvReader& reader, const RowMapper& mapper, Progress& progress);

  private:
    // A row's fields; empty ones were not given.
    struct Incoming {
        Deal deal;
        std::string value;  // read once the currency is known; empty when not given
        bool currency_given = false;
        std::string pipeline_column, stage_column, value_column, currency_column;
    };
    Incoming parse(const std::vector<FieldValue>& values) const;
    std::optional<Deal> find(const Incoming& in);
    void import_row(const std::vector<FieldValue>& values);
    void count(Outcome outcome, DealId id);

    Workspace& workspace_;
    ImportOptions options_;
    ImportReport& report_;
    CustomerLookup customers_;
    std::unique_ptr<BulkDeals> store_;
    BatchTally tally_;
};

}  // namespace moshtari::data_csv
