#pragma once
// Imports interactions, one per row, onto the timelines of customers already stored. A row with an
// external id is found again by it; one without, by its customer, channel, kind, direction, time
// and text, so running the same file again (or after a crash) adds nothing twice.

#include <memory>

#include "customer_lookup.hpp"
#include "import_loop.hpp"
#include "import_options.hpp"
#include "moshtari/bulk_interactions.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::data_csv {

class InteractionImporter {
  public:
    InteractionImporter(Workspace& workspace, const ContactNormaliser& normaliser,
                        ImportOptions options, ImportReport& report);

    // Returns the number of rows read.
    long run(CsvReader& reader, const RowMapper& mapper, Progress& progress);

  private:
    struct Incoming {
        Interaction interaction;
        bool direction_given = false;
    };
    Incoming parse(const std::vector<FieldValue>& values) const;
    void import_row(const std::vector<FieldValue>& values);
    void count(Outcome outcome, InteractionId id);

    Workspace& workspace_;
    ImportOptions options_;
    ImportReport& report_;
    CustomerLookup customers_;
    std::unique_ptr<BulkInteractions> store_;
    BatchTally tally_;
};

}  // namespace moshtari::data_csv
