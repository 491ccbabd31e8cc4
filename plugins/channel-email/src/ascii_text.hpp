#pragma once
// ASCII case folding and trimming for protocol text (header names, MIME parameters, DSN fields).

#include <string>
#include <string_view>

namespace moshtari::email {

std::string ascii_lower(std::string_view text);
// Without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

}  // namespace moshtari::email
