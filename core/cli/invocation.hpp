#pragma once
// What must be known before the command line is parsed. Plugin commands come from the workspace and
// CLI11 needs every subcommand before parsing, so the configuration file, the log level for opening
// it and the command word are read from argv first.

#include <filesystem>
#include <string>

namespace moshtari::cli {

struct Invocation {
    // --config FILE or --config=FILE, else $MOSHTARI_CONFIG, else ./moshtari.yaml.
    std::filesystem::path config_file;
    int verbosity = 0;    // how many -v / --verbose
    std::string command;  // the first word that is not an option; empty for `moshtari --help`
};

Invocation scan_invocation(int argc, const char* const* argv);

}  // namespace moshtari::cli
