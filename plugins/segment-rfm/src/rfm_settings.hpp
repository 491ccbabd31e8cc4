#pragma once
// The `segment-rfm:` section: how many bins, what monetary means, where customers without orders
// go, and the segment map.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "moshtari/config_section.hpp"
#include "segment_map.hpp"

namespace moshtari::rfm {

enum class Monetary {
    total,    // spend net of refunds, in the workspace currency
    average,  // that spend divided by the number of orders
};

struct Settings {
    int bins = 5;
    Monetary monetary = Monetary::total;
    // The segment of customers without an order by as_of; empty leaves them out of the run.
    std::string prospects = "prospects";
    std::vector<SegmentRule> segments = default_segment_rules();
    std::string segments_file{};  // where the map was read from, when not moshtari.yaml

    // Every setting as used, for the run's stored parameters.
    nlohmann::json to_json() const;
};

// Reads and checks the section (absent keys take the defaults). Every problem is a ConfigError at
// its file:line:column, including a map that leaves a cell without a segment or has a rule that
// no cell can reach.
Settings read_settings(const ConfigSection& section);

}  // namespace moshtari::rfm
