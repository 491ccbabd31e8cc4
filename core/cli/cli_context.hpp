#pragma once
// What every command shares: the configuration file, the workspace opened from it on first use,
// where output goes and whether it is printed as JSON.

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "moshtari/table.hpp"
#include "moshtari/workspace.hpp"
#include "record.hpp"

namespace CLI {
class App;
}

namespace moshtari::cli {

class CliContext {
  public:
    CliContext(std::filesystem::path config_file,
               std::vector<std::filesystem::path> bundled_plugin_dirs, std::ostream& out);
    CliContext(const CliContext&) = delete;
    CliContext& operator=(const CliContext&) = delete;

    const std::filesystem::path& config_file() const { return config_file_; }
    // The plugin folders shipped beside the executable (those that exist).
    const std::vector<std::filesystem::path>& bundled_plugin_dirs() const {
        return bundled_plugin_dirs_;
    }

    // Command names plugins may not register; only has an effect before the workspace is opened.
    void reserve_commands(std::vector<std::string> names);
    // Opens the workspace on first use; UserError when there is no configuration file to open.
    Workspace& workspace();
    // `given`, or the deployment's currency when the user gave none.
    std::string currency_or_default(const std::string& given);

    std::ostream& out() { return out_; }
    // Adds `--json` to a command that prints a listing or a record.
    void add_json_flag(CLI::App& command);
    void print(const Table& table);
    void print(const Record& record);

  private:
    std::filesystem::path config_file_;
    std::vector<std::filesystem::path> bundled_plugin_dirs_;
    std::ostream& out_;
    std::vector<std::string> reserved_commands_;
    bool json_ = false;
    std::unique_ptr<Workspace> workspace_;
};

}  // namespace moshtari::cli
