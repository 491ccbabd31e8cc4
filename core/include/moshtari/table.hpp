#pragma once
// Listings for people (aligned columns) or programs (--json: an array of objects), from one
// description.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "moshtari/export.hpp"

namespace moshtari {

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<nlohmann::json>>
        rows;  // one value per column; strings are printed unquoted

    // Aligned text with a header line; "(none)" when empty.
    MOSHTARI_API void print_text(std::ostream& out) const;
    // [{"column": value, ...}, ...]
    MOSHTARI_API nlohmann::json to_json() const;
    MOSHTARI_API void print(std::ostream& out, bool json) const;
};

}  // namespace moshtari
