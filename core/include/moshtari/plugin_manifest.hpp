#pragma once
// plugin.yaml, read before the plugin's library is opened.

#include <filesystem>
#include <string>
#include <vector>

#include "moshtari/export.hpp"

namespace moshtari {

struct ProvidedExtension {
    std::string kind;  // "segmenter", "channel", "command", ...
    std::string name;
};

struct PluginRequirement {
    std::string id;
    std::string versions;  // a range: ">=0.1, <1.0", "^0.2", "~1.2.3", "=1.0.0", "*"
};

struct MOSHTARI_API PluginManifest {
    std::string id;
    std::string version;  // semantic version
    std::string summary;
    std::vector<ProvidedExtension> provides;
    std::vector<PluginRequirement> dependencies;  // the manifest's `requires`
    unsigned abi_major = 0;
    unsigned abi_minor = 0;
    std::string status;  // "stable" or "alpha"
    std::string license;
    std::filesystem::path dir;      // the folder holding plugin.yaml
    std::filesystem::path library;  // <dir>/<id>.so

    // Throws ConfigError with the manifest's file, line and column.
    static PluginManifest read(const std::filesystem::path& manifest_file);
};

}  // namespace moshtari
