#pragma once
// A read-only view of one mapping in the configuration, layered over what `extends:` brings in: a
// key set in moshtari.yaml wins over the preset's. Every error it throws points at the file, line
// and column of the value.

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/config_error.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

class MOSHTARI_API ConfigSection {
  public:
    struct Layer;  // one file's node for this section

    ConfigSection();  // empty: every key is absent
    ConfigSection(std::string path, std::vector<std::shared_ptr<const Layer>> layers);
    // A YAML file of its own (a plugin's mapping or rules file) read as one section, so its
    // errors name that file's lines as the configuration's do. Throws ConfigError when the file
    // cannot be read, is not YAML or is not a mapping.
    static ConfigSection read_file(const std::filesystem::path& file);
    ~ConfigSection();
    ConfigSection(const ConfigSection&);
    ConfigSection& operator=(const ConfigSection&);

    // Dotted path for messages ("segment-lifecycle", "pipelines[0].stages[2]").
    const std::string& path() const { return path_; }
    bool empty() const;
    bool has(std::string_view key) const;
    // Keys present in any layer, in file order.
    std::vector<std::string> keys() const;

    // Supported T: bool, int, std::int64_t, double, std::string, std::vector<std::string>.
    template <class T>
    T get(std::string_view key, T fallback) const;
    template <class T>
    T require(std::string_view key) const;

    // A nested mapping (empty when absent); an error if the key holds something else.
    ConfigSection child(std::string_view key) const;
    // A sequence of mappings (empty when absent), from the topmost layer that has the key.
    std::vector<ConfigSection> list(std::string_view key) const;

    // Any key outside `allowed` is an error naming the closest allowed key.
    void allow_only(std::initializer_list<std::string_view> allowed) const;
    void allow_only(const std::vector<std::string>& allowed) const;

    // Where a key's value (or, without a key, this section) is written.
    ConfigLocation location(std::string_view key = {}) const;
    // Throws ConfigError at the key's location: "<path>.<key>: <message>".
    [[noreturn]] void fail(std::string_view key, std::string_view message) const;

  private:
    std::string path_;
    std::vector<std::shared_ptr<const Layer>> layers_;  // topmost first
};

}  // namespace moshtari
