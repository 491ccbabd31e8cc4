#include "moshtari/plugin_manifest.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "moshtari/config_error.hpp"
#include "moshtari/sdk/testing.hpp"

namespace moshtari {
namespace {

class PluginManifestTest : public ::testing::Test {
  protected:
    std::filesystem::path write(const std::string& yaml) {
        const auto file = dir_ / "plugin.yaml";
        std::ofstream(file) << yaml;
        return file;
    }

    // The problems reading `yaml` reports, one per line.
    std::string error(const std::string& yaml) {
        const auto file = write(yaml);
        try {
            PluginManifest::read(file);
        } catch (const ConfigError& error) {
            return error.what();
        }
        return "no error";
    }

    std::string at(int line, int column) const {
        return (dir_ / "plugin.yaml").string() + ":" + std::to_string(line) + ":" +
               std::to_string(column) + ": ";
    }

    testing::TempDir dir_{"moshtari-manifest"};
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST_F(PluginManifestTest, ReadsEveryKey) {
    const auto manifest = PluginManifest::read(write(R"(id: segment-rfm
version: 1.2.3
summary: RFM segments
provides:
  - kind: segmenter
    name: rfm
  - kind: command
    name: rfm
requires:
  - id: locale-fa-ir
    versions: ">=0.1, <1.0"
  - id: value-clv
abi: 0.1
status: alpha
license: Apache-2.0
)"));
    EXPECT_EQ(manifest.id, "segment-rfm");
    EXPECT_EQ(manifest.version, "1.2.3");
    EXPECT_EQ(manifest.summary, "RFM segments");
    ASSERT_EQ(manifest.provides.size(), 2u);
    EXPECT_EQ(manifest.provides[0].kind, "segmenter");
    EXPECT_EQ(manifest.provides[1].kind, "command");
    EXPECT_EQ(manifest.provides[1].name, "rfm");
    ASSERT_EQ(manifest.dependencies.size(), 2u);
    EXPECT_EQ(manifest.dependencies[0].id, "locale-fa-ir");
    EXPECT_EQ(manifest.dependencies[0].versions, ">=0.1, <1.0");
    EXPECT_EQ(manifest.dependencies[1].versions, "*");
    EXPECT_EQ(manifest.abi_major, 0u);
    EXPECT_EQ(manifest.abi_minor, 1u);
    EXPECT_EQ(manifest.status, "alpha");
    EXPECT_EQ(manifest.license, "Apache-2.0");
    EXPECT_EQ(manifest.dir, dir_.path());
    EXPECT_EQ(manifest.library, dir_ / "segment-rfm.so");
}

TEST_F(PluginManifestTest, OptionalKeysHaveDefaults) {
    const auto manifest =
        PluginManifest::read(write("id: tiny\nversion: \"2.0\"\nsummary: Small\nabi: \"0.10\"\n"));
    EXPECT_EQ(manifest.version, "2.0");
    EXPECT_TRUE(manifest.provides.empty());
    EXPECT_TRUE(manifest.dependencies.empty());
    EXPECT_EQ(manifest.abi_minor, 10u);
    EXPECT_EQ(manifest.status, "stable");
    EXPECT_EQ(manifest.license, "");
}

TEST_F(PluginManifestTest, UnknownKeyIsPointedAtWithASuggestion) {
    const auto what = error("id: x\nversion: 1.0.0\nsumary: typo\nsummary: ok\nabi: \"0.1\"\n");
    EXPECT_TRUE(contains(what, at(3, 1) + "unknown key 'sumary'")) << what;
    EXPECT_TRUE(contains(what, "did you mean 'summary'?")) << what;
}

TEST_F(PluginManifestTest, ReportsEveryProblemAtItsPlace) {
    const auto what = error(R"(id: Bad_Id
version: one
abi: "0.x"
status: beta
requires:
  - id: other
    versions: "1.0"
provides:
  - kind: segmenter
    nme: rfm
)");
    EXPECT_TRUE(contains(what, at(1, 5) + "plugin.yaml.id: 'Bad_Id' is not a plugin id")) << what;
    EXPECT_TRUE(contains(what, at(2, 10) + "plugin.yaml.version: 'one' is not a version")) << what;
    EXPECT_TRUE(contains(what, "missing required key 'summary'")) << what;
    EXPECT_TRUE(contains(what, at(3, 6) + "plugin.yaml.abi: '0.x' is not a plugin ABI")) << what;
    EXPECT_TRUE(contains(what, at(4, 9) + "plugin.yaml.status: 'beta' is not a status")) << what;
    EXPECT_TRUE(contains(
        what, at(7, 15) + "plugin.yaml.requires[0].versions: '1.0' is not a version range"))
        << what;
    EXPECT_TRUE(contains(what, at(10, 5) + "unknown key 'nme'")) << what;
}

TEST_F(PluginManifestTest, BrokenYamlIsPointedAt) {
    const auto what = error("id: x\nversion: [1.0\n");
    EXPECT_TRUE(contains(what, (dir_ / "plugin.yaml").string() + ":")) << what;
    EXPECT_TRUE(contains(what, "invalid YAML")) << what;
}

TEST_F(PluginManifestTest, WholeFileProblemsNameTheFile) {
    EXPECT_TRUE(
        contains(error("- just\n- a list\n"), "expected a mapping with the keys id, version"));
    EXPECT_TRUE(contains(error(""), "expected a mapping"));
    std::string what;
    try {
        PluginManifest::read(dir_ / "missing" / "plugin.yaml");
    } catch (const ConfigError& error) {
        what = error.what();
    }
    EXPECT_TRUE(contains(what, (dir_ / "missing" / "plugin.yaml").string() + ": cannot be read"))
        << what;
}

}  // namespace
}  // namespace moshtari
