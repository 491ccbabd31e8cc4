#include <fmt/format.h>

#include <map>

#include "config/config_layer.hpp"

namespace moshtari {

namespace {

// yaml-cpp keeps both values of a key written twice and lookups see only the first, so a second
// `workspace:` block would be ignored without a word; it is an error instead.
void find_repeated_keys(const YAML::Node& node, const std::string& file,
                        std::vector<ConfigProblem>& problems) {
    if (node.IsSequence()) {
        for (const auto& item : node) find_repeated_keys(item, file, problems);
        return;
    }
    if (!node.IsMap()) return;
    std::map<std::string, YAML::Mark> seen;
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        const auto [first, inserted] = seen.emplace(key, entry.first.Mark());
        if (!inserted) {
            problems.push_back(
                {location_at(file, entry.first.Mark()),
                 fmt::format(
                     "key '{}' is written twice in one mapping (first on line {}); keep one", key,
                     first->second.line + 1)});
        }
        find_repeated_keys(entry.second, file, problems);
    }
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& error) {
        throw ConfigError(
            {ConfigProblem{location_at(file, error.mark), "invalid YAML: " + error.msg}});
    }
    std::vector<ConfigProblem> problems;
    find_repeated_keys(root, file, problems);
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return root;
}

}  // namespace moshtari
