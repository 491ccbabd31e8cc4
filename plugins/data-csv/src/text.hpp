#pragma once
// Small text helpers for CSV values (UTF-8: only ASCII bytes are ever changed, so Persian and
// other scripts pass through untouched).

#include <string>
#include <string_view>
#include <vector>

namespace moshtari::data_csv {

std::string trimmed(std::string_view text);
// Runs of white space become one space; none at either end.
std::string collapse_spaces(std::string_view text);
std::string ascii_lowercase(std::string text);
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace moshtari::data_csv
