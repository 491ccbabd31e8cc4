#pragma once
// The demo's story: a made-up specialty coffee roaster with about fifteen months of customers,
// orders, interactions, deals and tasks. Always the same story (fixed tables, a fixed-seed
// generator), dated relative to the day it is recorded so that it always reads as current.

#include <filesystem>
#include <string>
#include <vector>

#include "moshtari/time.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::cli {

inline constexpr const char* kStoryBusiness = "Daneh Coffee Roasters";
inline constexpr const char* kStoryPipeline = "sales";

// The lifecycle plugin's thresholds the story is written against: its customers are meant to land
// in every phase, and the order rhythms in demo_story.cpp are checked against these at compile
// time.
struct LifecycleThresholds {
    int new_days;
    int at_risk_days;
    int lapsed_days;
};
inline constexpr LifecycleThresholds kStoryThresholds{30, 90, 180};

// The demo's moshtari.yaml: the database beside it, EUR, `plugin_dirs` as plugins.paths, the sales
// pipeline, the segment-lifecycle section when `lifecycle_section` and the data-csv section (German
// phone numbers) when `import_section` (a plugin's section is an error without that plugin).
std::string story_config(const std::vector<std::filesystem::path>& plugin_dirs,
                         bool lifecycle_section, bool import_section);

// Records the whole story through the workspace's stores, as if it had happened up to `now`, with a
// worker pass after each moment of it (so the daily ticks of the days something happened are in the
// log too).
void record_story(Workspace& workspace, Timestamp now);

}  // namespace moshtari::cli
