#pragma once
// A deployment's configuration: one moshtari.yaml, optionally layered over a preset with
// `extends:`.

#include <filesystem>
#include <string>
#include <vector>

#include "moshtari/config_section.hpp"
#include "moshtari/export.hpp"
#include "moshtari/outbox_settings.hpp"
#include "moshtari/pipeline.hpp"
#include "moshtari/privacy_policy.hpp"

namespace moshtari {

class MOSHTARI_API Config {
  public:
    // Reads and validates the core's sections; throws ConfigError listing every problem found.
    // `extends: NAME` is looked up as NAME.yaml beside the file, then in each of `preset_dirs`.
    static Config load(const std::filesystem::path& file,
                       const std::vector<std::filesystem::path>& preset_dirs = {});
    // Like load, but the core sections' problems are added to `problems` instead of thrown (a
    // section with problems keeps its defaults), so a caller can gather the plugins' problems too
    // and report everything at once. An unreadable file or broken YAML still throws.
    static Config read(const std::filesystem::path& file,
                       const std::vector<std::filesystem::path>& preset_dirs,
                       std::vector<ConfigProblem>& problems);

    const std::filesystem::path& file() const { return file_; }
    // Files read, the deployment's first, then each preset it extends.
    const std::vector<std::filesystem::path>& files() const { return files_; }

    std::filesystem::path database() const { return database_; }  // workspace.database, resolved
    const std::string& default_currency() const { return currency_; }  // workspace.currency
    const std::string& time_zone() const { return time_zone_; }        // workspace.time_zone
    const std::vector<std::filesystem::path>& plugin_dirs() const {
        return plugin_dirs_;
    }  // plugins.paths
    // plugins.enabled; empty means every plugin found.
    const std::vector<std::string>& enabled_plugins() const { return enabled_plugins_; }
    const std::vector<Pipeline>& pipelines() const { return pipelines_; }
    const PrivacyPolicy& privacy() const { return privacy_; }
    const OutboxSettings& outbox() const { return outbox_; }

    // The top-level section named after a plugin id (empty when absent).
    ConfigSection plugin_section(std::string_view plugin_id) const;
    // Top-level keys that are neither core sections nor in `plugin_ids`: errors with the closest
    // name suggested.
    void check_unknown_sections(const std::vector<std::string>& plugin_ids) const;
    // Names under outbox.channels that no installed plugin provides (a typo would otherwise pace
    // nothing): errors with the closest name suggested.
    void check_outbox_channels(const std::vector<std::string>& channel_names) const;

    // The core's own top-level keys.
    static const std::vector<std::string>& core_sections();

  private:
    std::filesystem::path file_;
    std::vector<std::filesystem::path> files_;
    ConfigSection root_;
    std::filesystem::path database_;
    std::string currency_;
    std::string time_zone_;
    std::vector<std::filesystem::path> plugin_dirs_;
    std::vector<std::string> enabled_plugins_;
    std::vector<Pipeline> pipelines_;
    PrivacyPolicy privacy_;
    OutboxSettings outbox_;
};

}  // namespace moshtari
