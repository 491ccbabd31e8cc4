#pragma once
// Writes RFC 4180 CSV: a field is quoted only when it holds a comma, a quote or a line break.

#include <ostream>
#include <string>
#include <vector>

namespace moshtari::data_csv {

void write_csv_record(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace moshtari::data_csv
