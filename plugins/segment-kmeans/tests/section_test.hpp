#pragma once
// A test of one plugin section read alone from a moshtari.yaml written for it: the settings it
// gives, or the ConfigError message a bad one gives, and the "file:line:column: " that message
// starts with. Shared by segment-kmeans' and segment-mixture's settings tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "moshtari/config_error.hpp"
#include "moshtari/config_section.hpp"
#include "moshtari/sdk/testing.hpp"

namespace moshtari::clustering::testing {

template <class Settings>
class SectionTest : public ::testing::Test {
  protected:
    explicit SectionTest(std::string section) : section_(std::move(section)), dir_(section_) {}

    Settings read(const std::string& yaml) {
        const auto file = dir_ / "moshtari.yaml";
        std::ofstream(file) << yaml;
        return Settings::from_config(ConfigSection::read_file(file).child(section_));
    }
    // The message of the ConfigError reading `yaml` throws.
    std::string error(const std::string& yaml) {
        try {
            read(yaml);
        } catch (const ConfigError& e) {
            return e.what();
        }
        ADD_FAILURE() << "no ConfigError for:\n" << yaml;
        return {};
    }
    std::string at(int line, int column) const {
        return (dir_ / "moshtari.yaml").string() + ":" + std::to_string(line) + ":" +
               std::to_string(column) + ": ";
    }

  private:
    std::string section_;
    moshtari::testing::TempDir dir_;
};

}  // namespace moshtari::clustering::testing
