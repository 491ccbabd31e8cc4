#include "captured_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "moshtari/workspace.hpp"

namespace moshtari::cli {

namespace {

// Points a standard stream at another buffer until destroyed, exceptions included.
class Redirect {
  public:
    Redirect(std::ostream& stream, std::streambuf* target)
        : stream_(stream), previous_(stream.rdbuf(target)) {}
    ~Redirect() { stream_.rdbuf(previous_); }
    Redirect(const Redirect&) = delete;
    Redirect& operator=(const Redirect&) = delete;

  private:
    std::ostream& stream_;
    std::streambuf* previous_;
};

}  // namespace

const Command* find_command(const Workspace& workspace, std::string_view name) {
    const auto& commands = workspace.commands();
    const auto found = std::find_if(commands.begin(), commands.end(),
                                    [&](const Command& c) { return c.name == name; });
    return found == commands.end() ? nullptr : &*found;
}

std::string run_captured(const Command& command, std::vector<std::string> args) {
    CLI::App app{"moshtari", "moshtari"};
    command.define(*app.add_subcommand(command.name, command.summary));
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    std::ostringstream captured;
    const Redirect out(std::cout, captured.rdbuf());
    const Redirect err(std::cerr, nullptr);
    app.parse(args);
    return captured.str();
}

}  // namespace moshtari::cli
