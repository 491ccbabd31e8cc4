#pragma once
// A mapping bound to one file's header: turns each record into field values, or says which column
// of the row is wrong and why.

#include <string>
#include <vector>

#include "csv_reader.hpp"
#include "mapping.hpp"
#include "moshtari/error.hpp"

namespace moshtari::data_csv {

// A row that cannot be imported: which column (empty when the row as a whole) and why.
class RowError : public UserError {
  public:
    RowError(std::string column, const std::string& reason)
        : UserError(reason), column_(std::move(column)) {}
    const std::string& column() const { return column_; }

  private:
    std::string column_;
};

struct FieldValue {
    const std::string* field;
    const std::string* column;
    std::string value;
};

// The column a reject file adds; an import of a fixed reject file ignores it.
inline constexpr std::string_view kReasonColumn = "moshtari_reject_reason";

class RowMapper {
  public:
    // Without column rules, header names that are field names map to themselves (what `moshtari
    // export` writes). Throws UserError naming a mapped column the header does not have.
    RowMapper(const Mapping& mapping, Entity entity, const std::vector<std::string>& header,
              bool extra_as_attributes);

    // Throws RowError for a value a transform refuses or a row with fewer columns than the
    // header.
    std::vector<FieldValue> map(const CsvRecord& record) const;
    const std::vector<std::string>& header() const { return header_; }
    // Columns of the file that feed no field: named to the user, who may have meant one.
    const std::vector<std::string>& ignored_columns() const { return ignored_; }

  private:
    struct Bound {
        std::size_t index;
        ColumnRule rule;
    };
    std::vector<std::string> header_;
    std::vector<Bound> bound_;
    std::vector<std::string> ignored_;
};

}  // namespace moshtari::data_csv
