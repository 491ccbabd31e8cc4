#pragma once
// A fresh folder per test to run the real `moshtari` in, with helpers for the steps most tests
// repeat.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/cli_process.hpp"
#include "moshtari/sdk/testing.hpp"

namespace moshtari::e2e {

class CliTest : public ::testing::Test {
  protected:
    CliResult run(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {}) const {
        return run_cli(dir_.path(), args, env);
    }

    // Runs a command that must succeed and returns its stdout without the final newline: a new
    // record's id, a confirmation.
    std::string ok(const std::vector<std::string>& args) const {
        const auto result = run(args);
        EXPECT_EQ(result.exit_code, 0) << "moshtari " << joined(args) << "\n" << result.err;
        std::string out = result.out;
        if (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }

    // Runs a command that must succeed with --json and returns what it printed, parsed.
    nlohmann::json json(std::vector<std::string> args) const {
        args.emplace_back("--json");
        return nlohmann::json::parse(ok(args));
    }

    // `moshtari init` in the test folder: the configuration a new user starts from.
    void init() const { ok({"init"}); }

    // A moshtari.yaml of the test's own, written verbatim.
    void write_config(const std::string& text) const {
        std::ofstream(dir_ / "moshtari.yaml") << text;
    }

    // The row of a --json listing whose `column` is `value`; null when there is none.
    static nlohmann::json row_where(const nlohmann::json& rows, const std::string& column,
                                    const std::string& value) {
        for (const auto& row : rows) {
            if (row.value(column, "") == value) return row;
        }
        return nullptr;
    }

    static std::string joined(const std::vector<std::string>& args) {
        std::string text;
        for (const auto& arg : args) text += (text.empty() ? "" : " ") + arg;
        return text;
    }

    moshtari::testing::TempDir dir_{"moshtari-e2e"};
};

}  // namespace moshtari::e2e
