#pragma once
// What ConfigSection keeps per file: kept out of the public headers so that yaml-cpp stays an
// implementation detail of libmoshtari_core.

#include <string>

#include <yaml-cpp/yaml.h>

#include "moshtari/config_section.hpp"

namespace moshtari {

struct ConfigSection::Layer {
    std::string file;  // as shown in messages
    YAML::Node node;   // a mapping, or null when the file does not set this section
};

// yaml-cpp counts from 0, people from 1; a null mark (a node made, not parsed) means the whole
// file.
ConfigLocation location_at(const std::string& file, const YAML::Mark& mark);

// Parses one YAML document; a syntax error or a key written twice in a mapping is a ConfigError
// at its line and column.
YAML::Node parse_yaml(const std::string& text, const std::string& file);

}  // namespace moshtari
