#pragma once
// `moshtari export`: streams customers, orders, interactions or deals, one record at a time, as
// CSV or JSON Lines. A mapping is read in reverse: each rule's field is written under its column's
// name (transforms are not undone). Without one, every field is written under its own name, which
// is what an import reads without a mapping. Orders are written one row per line, as they are
// imported; interactions and deals name their customer by external id and primary email.

#include <ostream>

#include "mapping.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::data_csv {

enum class ExportFormat { csv, jsonl };

// Returns the number of rows written.
long export_records(Workspace& workspace, Entity entity, const Mapping& mapping,
                    ExportFormat format, std::ostream& out);

}  // namespace moshtari::data_csv
