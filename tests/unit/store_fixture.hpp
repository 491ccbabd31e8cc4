#pragma once
// A real workspace on a temporary SQLite file, without plugins, with a sales pipeline configured.

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <string>

#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/sdk/testing.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari {

inline constexpr const char* kSalesPipeline = R"yaml(
pipelines:
  - id: sales
    name: Sales
    stages:
      - {id: lead, probability: 0.1, sla_days: 3}
      - {id: proposal, probability: 0.5, sla_days: 10}
      - {id: won, probability: 1.0, won: true}
      - {id: lost, probability: 0.0, lost: true}
)yaml";

class StoreTest : public ::testing::Test {
  protected:
    testing::TestWorkspace test{{}, kSalesPipeline};
    Workspace& ws = test.workspace();

    std::int64_t rows(const std::string& table) {
        return ws.database().sql().execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
    }
    std::vector<std::string> event_types() {
        std::vector<std::string> types;
        for (const auto& e : ws.event_log().read_after(0, 1000)) types.push_back(e.type);
        return types;
    }
};

}  // namespace moshtari
