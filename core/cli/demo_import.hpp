#pragma once
// The demo's "old spreadsheet": a small CSV imported through the data-csv plugin's own `import`
// command, exactly as `moshtari import` would run it.

#include <filesystem>
#include <optional>
#include <string>

#include "moshtari/workspace.hpp"

namespace moshtari::cli {

inline constexpr const char* kImportPlugin = "data-csv";

// Writes the spreadsheet into `folder`, imports it in merge mode and returns what the command
// printed (its summary and where the rejected rows went); nullopt when data-csv is not running.
std::optional<std::string> import_spreadsheet(Workspace& workspace,
                                              const std::filesystem::path& folder);

}  // namespace moshtari::cli
