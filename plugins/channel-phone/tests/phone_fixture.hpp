#pragma once
// A real workspace with the real channel-phone plugin loaded, its commands run as the CLI runs
// them (through CLI11) with their output captured.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::channel_phone::testing {

class PhoneWorkspaceTest : public ::testing::Test {
  protected:
    explicit PhoneWorkspaceTest(std::string yaml) : ws_({MOSHTARI_PLUGIN_DIR}, std::move(yaml)) {}

    Workspace& w() { return ws_.workspace(); }

    // `moshtari <args...>` for a plugin command: its standard output; throws what it throws.
    std::string run(const std::vector<std::string>& args) {
        CLI::App app;
        for (const auto& command : w().commands()) {
            command.define(*app.add_subcommand(command.name, command.summary));
        }
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        std::ostringstream out;
        auto* old_out = std::cout.rdbuf(out.rdbuf());
        try {
            app.parse(reversed);
        } catch (...) {
            std::cout.rdbuf(old_out);
            throw;
        }
        std::cout.rdbuf(old_out);
        return out.str();
    }

    // The UserError message a command fails with ("" when it succeeds).
    std::string refusal(const std::vector<std::string>& args) {
        try {
            run(args);
        } catch (const UserError& error) {
            return error.what();
        }
        return "";
    }

    CustomerId customer(const std::string& name, const std::string& phone) {
        Customer c;
        c.name = name;
        if (!phone.empty()) c.contacts.push_back({ContactKind::phone, phone, "mobile", true});
        return w().customers().create(c);
    }

    std::int64_t count(const std::string& sql) {
        SQLite::Statement query(w().database().sql(), sql);
        query.executeStep();
        return query.getColumn(0).getInt64();
    }

    moshtari::testing::TestWorkspace ws_;
};

}  // namespace moshtari::channel_phone::testing
