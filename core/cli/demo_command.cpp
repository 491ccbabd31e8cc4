// `moshtari demo [--keep] [--dir DIR]`: a throw-away workspace with a small story in it (see
// demo.hpp).

#include <memory>

#include "commands.hpp"
#include "demo.hpp"

namespace moshtari::cli {

namespace {

struct DemoOptions {
    bool keep = false;
    std::string dir;
};

}  // namespace

void add_demo_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "demo",
        "Record a small story in a throw-away workspace and show what Moshtari makes of it");
    auto options = std::make_shared<DemoOptions>();
    command->add_flag("--keep", options->keep, "Keep the workspace folder afterwards");
    command->add_option("--dir", options->dir,
                        "Where to create it (default: a new temporary folder)");
    command->callback([&context, options] {
        // run_demo reports its own failures; a non-zero result only has to reach the exit code.
        if (const int code = run_demo(context.out(), context.bundled_plugin_dirs(), options->keep,
                                      options->dir)) {
            throw CLI::RuntimeError(code);
        }
    });
}

}  // namespace moshtari::cli
