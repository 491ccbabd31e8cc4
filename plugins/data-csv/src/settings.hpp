#pragma once
// The plugin's section of moshtari.yaml:
//   data-csv:
//     default_region: GB      # phones written without a country code are read as this region's
//     batch_size: 100000      # rows per transaction (and per batch event)
//     mappings:               # named mappings, used with --mapping NAME
//       retail-customers: {columns: [...], mode: merge, match: [external_id, email]}

#include <cstddef>
#include <map>
#include <string>

#include "moshtari/config_section.hpp"

namespace moshtari::data_csv {

struct Settings {
    std::string default_region = "GB";
    std::size_t batch_size = 10'000;
    std::map<std::string, ConfigSection> mappings;

    // Throws ConfigError at the offending line, unknown keys included.
    static Settings from_config(const ConfigSection& section);
};

}  // namespace moshtari::data_csv
