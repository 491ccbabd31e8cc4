#include "csv_writer.hpp"

namespace moshtari::data_csv {

void write_csv_record(std::ostream& out, const std::vector<std::string>& fields) {
    bool first = true;
    for (const auto& field : fields) {
        if (!first) out << ',';
        first = false;
        if (field.find_first_of(",\"\r\n") == std::string::npos) {
            out << field;
            continue;
        }
        out << '"';
        for (char c : field) {
            if (c == '"') out << '"';
            out << c;
        }
        out << '"';
    }
    out << "\r\n";
}

}  // namespace moshtari::data_csv
