#include "moshtari/plugin_manifest.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "config/config_layer.hpp"
#include "config/problem_collector.hpp"
#include "host/semantic_version.hpp"
#include "host/version_range.hpp"
#include "moshtari/config_section.hpp"
#include "moshtari/export.hpp"

namespace moshtari {
namespace {

bool is_plugin_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool parse_unsigned(std::string_view text, unsigned& value) {
    const auto* end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    return !text.empty() && error == std::errc{} && ptr == end;
}

// "MAJOR.MINOR", e.g. "0.1".
bool parse_abi(std::string_view text, unsigned& major, unsigned& minor) {
    const auto dot = text.find('.');
    return dot != std::string_view::npos && parse_unsigned(text.substr(0, dot), major) &&
           parse_unsigned(text.substr(dot + 1), minor);
}

[[noreturn]] void fail_whole_file(const std::string& file, std::string message) {
    throw ConfigError({ConfigProblem{ConfigLocation{file, 0, 0}, std::move(message)}});
}

YAML::Node parse_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail_whole_file(file, "cannot be read; check that it exists and is readable");
    const std::string text(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
    return parse_yaml(text, file);
}

std::vector<ProvidedExtension> read_provides(const ConfigSection& manifest,
                                             ProblemCollector& problems) {
    std::vector<ProvidedExtension> provides;
    problems.collect([&] {
        for (const auto& item : manifest.list("provides")) {
            problems.collect([&] {
                item.allow_only({"kind", "name"});
                provides.push_back(
                    {item.require<std::string>("kind"), item.require<std::string>("name")});
            });
        }
    });
    return provides;
}

std::vector<PluginRequirement> read_requires(const ConfigSection& manifest,
                                             ProblemCollector& problems) {
    std::vector<PluginRequirement> dependencies;
    problems.collect([&] {
        for (const auto& item : manifest.list("requires")) {
            problems.collect([&] {
                item.allow_only({"id", "versions"});
                PluginRequirement requirement{item.require<std::string>("id"),
                                              item.get<std::string>("versions", "*")};
                try {
                    VersionRange::parse(requirement.versions);
                } catch (const std::invalid_argument& error) {
                    item.fail("versions", error.what());
                }
                dependencies.push_back(std::move(requirement));
            });
        }
    });
    return dependencies;
}

}  // namespace

// Exported here because the header does not mark PluginManifest:
// tools and tests read manifests too.
PluginManifest PluginManifest::read(const std::filesystem::path& manifest_file) {
    const std::string file = manifest_file.string();
    const YAML::Node root = parse_file(file);
    if (!root.IsMap()) {
        fail_whole_file(file, "expected a mapping with the keys id, version, summary and abi");
    }
    const ConfigSection manifest(
        "plugin.yaml",
        {std::make_shared<const ConfigSection::Layer>(ConfigSection::Layer{file, root})});

    PluginManifest result;
    ProblemCollector problems;
    problems.collect([&] {
        manifest.allow_only(
            {"id", "version", "summary", "provides", "requires", "abi", "status", "license"});
    });
    problems.collect([&] {
        result.id = manifest.require<std::string>("id");
        if (!is_plugin_id(result.id)) {
            manifest.fail("id", "'" + result.id +
                                    "' is not a plugin id; use lowercase letters, digits and '-'");
        }
    });
    problems.collect([&] {
        result.version = manifest.require<std::string>("version");
        try {
            SemanticVersion::parse(result.version);
        } catch (const std::invalid_argument& error) {
            manifest.fail("version", error.what());
        }
    });
    problems.collect([&] { result.summary = manifest.require<std::string>("summary"); });
    result.provides = read_provides(manifest, problems);
    result.dependencies = read_requires(manifest, problems);
    problems.collect([&] {
        const auto abi = manifest.require<std::string>("abi");
        if (!parse_abi(abi, result.abi_major, result.abi_minor)) {
            manifest.fail("abi",
                          "'" + abi +
                              "' is not a plugin ABI; write MAJOR.MINOR as in the SDK the plugin "
                              "is built with, e.g. \"0.1\"");
        }
    });
    problems.collect([&] {
        result.status = manifest.get<std::string>("status", "stable");
        if (result.status != "stable" && result.status != "alpha") {
            manifest.fail("status",
                          "'" + result.status + "' is not a status; write stable or alpha");
        }
    });
    problems.collect([&] { result.license = manifest.get<std::string>("license", ""); });
    problems.throw_if_any();

    result.dir = manifest_file.parent_path();
    result.library = result.dir / (result.id + ".so");
    return result;
}

}  // namespace moshtari
