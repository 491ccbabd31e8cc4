#pragma once
// `moshtari demo`: a throw-away workspace with a small, realistic story recorded in it, then a
// summary of what the store, the plugins and the event log make of it.

#include <filesystem>
#include <ostream>
#include <vector>

namespace moshtari::cli {

// Writes a moshtari.yaml into `dir` (a fresh temporary folder when empty), opens it with the
// plugins found in `plugin_dirs`, records the story, runs one worker pass and prints the summary to
// `out`. The folder is removed at the end unless `keep`. Returns 0; errors propagate as exceptions.
int run_demo(std::ostream& out, const std::vector<std::filesystem::path>& plugin_dirs, bool keep,
             const std::filesystem::path& dir);

}  // namespace moshtari::cli
