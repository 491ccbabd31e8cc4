#pragma once
// One thing shown in full (`customers show`, `deals show`, `plugins info`): named fields, then
// titled tables. Like moshtari::Table, one description prints for people (aligned "name: value"
// lines) or programs (JSON).

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "moshtari/table.hpp"

namespace moshtari::cli {

// The value, or null for an absent optional (a blank cell or field).
template <class Optional>
nlohmann::json json_or_null(const Optional& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

struct Record {
    std::vector<std::pair<std::string, nlohmann::json>> fields;
    std::vector<std::pair<std::string, Table>> sections;

    // Empty and null fields are left out; arrays of strings are joined with ", ".
    void print_text(std::ostream& out) const;
    // One object: every field, and each section as an array of objects under its title.
    nlohmann::json to_json() const;
};

}  // namespace moshtari::cli
