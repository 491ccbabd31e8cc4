#pragma once
// Templates with {name} placeholders, as provider profiles write URLs, headers and body fields.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::channel_phone {

using Values = std::map<std::string, std::string, std::less<>>;

// The placeholder names in order; throws UserError on a brace that is not closed or an empty
// name.
std::vector<std::string> placeholders_in(std::string_view text);

// Every {name} replaced by its value; throws UserError naming a placeholder without one.
std::string render(std::string_view text, const Values& values);

}  // namespace moshtari::channel_phone
