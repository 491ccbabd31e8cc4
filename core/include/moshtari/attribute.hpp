#pragma once
// Custom attributes: typed key/values a business adds to its customers.

#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include "moshtari/export.hpp"

namespace moshtari {

using AttributeValue = std::variant<std::string, std::int64_t, double, bool>;
using Attributes = std::map<std::string, AttributeValue, std::less<>>;

// "text", "integer", "number" or "boolean".
MOSHTARI_API const char* attribute_type_name(const AttributeValue& value);
MOSHTARI_API std::string attribute_to_string(const AttributeValue& value);
// Reads "name=value" or "name:type=value" from the command line; a bare value becomes text.
MOSHTARI_API std::pair<std::string, AttributeValue> parse_attribute_assignment(
    std::string_view text);

}  // namespace moshtari
