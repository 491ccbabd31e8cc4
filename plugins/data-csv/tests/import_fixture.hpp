#pragma once
// A workspace with the real data-csv plugin loaded, and its `import` and `export` commands run as
// the CLI runs them (through CLI11), with their output captured.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::data_csv::testing {

struct Output {
    std::string out;
    std::string err;
};

class ImportTest : public ::testing::Test {
  protected:
    explicit ImportTest(std::string yaml = "data-csv:\n  default_region: GB\n")
        : ws_({MOSHTARI_PLUGIN_DIR}, std::move(yaml)) {}

    Workspace& w() { return ws_.workspace(); }
    std::filesystem::path path(const std::string& name) const { return ws_.dir() / name; }

    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path(name), std::ios::binary) << text;
        return path(name);
    }

    static std::string read(const std::filesystem::path& file) {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    // `moshtari <args...>` for a plugin command; throws what the command throws.
    Output run(const std::vector<std::string>& args) {
        CLI::App app;
        for (const auto& command : w().commands()) {
            command.define(*app.add_subcommand(command.name, command.summary));
        }
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        std::ostringstream out, err;
        auto* old_out = std::cout.rdbuf(out.rdbuf());
        auto* old_err = std::cerr.rdbuf(err.rdbuf());
        try {
            app.parse(reversed);
        } catch (...) {
            std::cout.rdbuf(old_out);
            std::cerr.rdbuf(old_err);
            throw;
        }
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        return {out.str(), err.str()};
    }

    std::int64_t count(const std::string& sql) {
        SQLite::Statement query(w().database().sql(), sql);
        query.executeStep();
        return query.getColumn(0).getInt64();
    }

    moshtari::testing::TestWorkspace ws_;
};

}  // namespace moshtari::data_csv::testing
