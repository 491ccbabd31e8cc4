#include "demo_import.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "moshtari/error.hpp"

namespace moshtari::cli {

namespace {

// A shop's loyalty-card list: one customer the story already knows (email in other case, so the
// import matches and merges), two new ones, a row with a broken email and one with nobody in it.
constexpr const char* kSpreadsheet =
    "Name,Email,Phone,Card\n"
    "Sara Ahmadi,SARA.AHMADI@mail.example,,LC-1001\n"
    "Niloufar Karimi,niloufar.karimi@mail.example,+49 151 5550 0190,LC-1002\n"
    "Tom Becker,tom.becker@mail.example,030 5550 0191,LC-1003\n"
    "Old Entry,old.entry(at)mail.example,,LC-0007\n"
    ",,,LC-0008\n";

// Runs a registered command as `moshtari <args...>` would and returns what it wrote to stdout.
std::string run_command(const Command& command, std::vector<std::string> args) {
    CLI::App app{"moshtari", "moshtari"};
    command.define(*app.add_subcommand(command.name, command.summary));
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    std::ostringstream captured;
    auto* const previous = std::cout.rdbuf(captured.rdbuf());
    try {
        app.parse(args);
    } catch (...) {
        std::cout.rdbuf(previous);
        throw;
    }
    std::cout.rdbuf(previous);
    return captured.str();
}

}  // namespace

std::optional<std::string> import_spreadsheet(Workspace& workspace,
                                              const std::filesystem::path& folder) {
    const auto& commands = workspace.commands();
    const auto import = std::find_if(commands.begin(), commands.end(),
                                     [](const Command& c) { return c.name == "import"; });
    if (import == commands.end()) return std::nullopt;
    const auto file = folder / "loyalty-cards.csv";
    const auto rejects = folder / "loyalty-cards.rejected.csv";
    std::ofstream(file) << kSpreadsheet;
    // The command reports each rejected row on stderr too; the demo shows its summary instead.
    auto* const previous_err = std::cerr.rdbuf(nullptr);
    std::string printed;
    try {
        printed = run_command(
            *import, {"import", "customers", file.string(), "--mode", "merge", "--map", "Name=name",
                      "--map", "Email=email", "--map", "Phone=phone", "--map",
                      "Card=attributes.loyalty_card", "--reject-file", rejects.string()});
    } catch (...) {
        std::cerr.rdbuf(previous_err);
        throw;
    }
    std::cerr.rdbuf(previous_err);
    return printed;
}

}  // namespace moshtari::cli
