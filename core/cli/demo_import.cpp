#include "demo_import.hpp"

#include <fstream>

#include "captured_command.hpp"
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

}  // namespace

std::optional<std::string> import_spreadsheet(Workspace& workspace,
                                              const std::filesystem::path& folder) {
    const Command* import = find_command(workspace, "import");
    if (!import) return std::nullopt;
    const auto file = folder / "loyalty-cards.csv";
    const auto rejects = folder / "loyalty-cards.rejected.csv";
    std::ofstream(file) << kSpreadsheet;
    // The command reports each rejected row on stderr too; the demo shows its summary instead.
    return run_captured(
        *import, {"import", "customers", file.string(), "--mode", "merge", "--map", "Name=name",
                  "--map", "Email=email", "--map", "Phone=phone", "--map",
                  "Card=attributes.loyalty_card", "--reject-file", rejects.string()});
}

}  // namespace moshtari::cli
