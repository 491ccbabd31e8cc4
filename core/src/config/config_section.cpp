#include "moshtari/config_section.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

#include "config/closest_name.hpp"
#include "config/config_layer.hpp"

namespace moshtari {

ConfigLocation location_at(const std::string& file, const YAML::Mark& mark) {
    if (mark.is_null()) {
        return {file, 0, 0};
    }
    return {file, mark.line + 1, mark.column + 1};
}

namespace {

using Layers = std::vector<std::shared_ptr<const ConfigSection::Layer>>;

// One key as written in one file.
struct Entry {
    const ConfigSection::Layer* layer;
    YAML::Node key;
    YAML::Node value;
};

std::optional<Entry> find_in(const ConfigSection::Layer& layer, std::string_view key) {
    if (!layer.node.IsMap()) {
        return std::nullopt;
    }
    for (const auto& item : layer.node) {
        if (item.first.IsScalar() && item.first.Scalar() == key) {
            return Entry{&layer, item.first, item.second};
        }
    }
    return std::nullopt;
}

// A key written with nothing after it (`key:`) counts as absent, so the preset's value or the
// default shows through instead of an error about an empty value.
std::optional<Entry> find_value(const Layers& layers, std::string_view key) {
    for (const auto& layer : layers) {
        if (auto entry = find_in(*layer, key); entry && !entry->value.IsNull()) {
            return entry;
        }
    }
    return std::nullopt;
}

std::string join_path(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return "'" + node.Scalar() + "'";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a mapping";
        default:
            return "nothing";
    }
}

[[noreturn]] void fail_at(ConfigLocation where, std::string message) {
    throw ConfigError({ConfigProblem{std::move(where), std::move(message)}});
}

[[noreturn]] void wrong_type(const std::string& file, const YAML::Node& node,
                             const std::string& path, std::string_view expected) {
    fail_at(location_at(file, node.Mark()),
            path + ": expected " + std::string(expected) + ", got " + describe(node));
}

// Decimal only: yaml-cpp's own conversion reads "010" as octal 8, a surprise in a count of days.
std::optional<std::int64_t> parse_integer(std::string_view text) {
    if (text.starts_with('+')) {
        text.remove_prefix(1);
        if (text.starts_with('-')) {
            return std::nullopt;
        }
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_number(std::string_view text) {
    if (text.starts_with('+')) {
        text.remove_prefix(1);
        if (text.starts_with('-')) {
            return std::nullopt;
        }
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

template <class T>
T decode(const std::string& file, const YAML::Node& node, const std::string& path) {
    if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        if (!node.IsSequence()) {
            wrong_type(file, node, path, "a list of strings");
        }
        T items;
        for (const auto& item : node) {
            items.push_back(
                decode<std::string>(file, item, path + "[" + std::to_string(items.size()) + "]"));
        }
        return items;
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!node.IsScalar()) {
            wrong_type(file, node, path, "a string");
        }
        return node.Scalar();
    } else if constexpr (std::is_same_v<T, bool>) {
        bool value = false;
        if (!YAML::convert<bool>::decode(node, value)) {
            wrong_type(file, node, path, "true or false");
        }
        return value;
    } else if constexpr (std::is_integral_v<T>) {
        const auto value = node.IsScalar() ? parse_integer(node.Scalar()) : std::nullopt;
        if (!value) {
            wrong_type(file, node, path, "a whole number");
        }
        if (!std::in_range<T>(*value)) {
            wrong_type(file, node, path,
                       "a whole number from " + std::to_string(std::numeric_limits<T>::min()) +
                           " to " + std::to_string(std::numeric_limits<T>::max()));
        }
        return static_cast<T>(*value);
    } else {
        static_assert(std::is_same_v<T, double>);
        const auto value = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
        if (!value) {
            wrong_type(file, node, path, "a number");
        }
        return *value;
    }
}

std::string unknown_key_message(const std::string& path, const YAML::Node& key,
                                const std::vector<std::string_view>& allowed) {
    // Top-level keys are whole sections (the core's or a plugin's).
    std::string message = path.empty() ? "unknown section " + describe(key)
                                       : "unknown key " + describe(key) + " in " + path;
    if (const auto suggestion =
            key.IsScalar() ? closest_name(key.Scalar(), allowed) : std::nullopt) {
        return message + "; did you mean '" + *suggestion + "'?";
    }
    if (allowed.empty()) {
        return message + "; this section takes no keys";
    }
    message += "; expected one of: ";
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        message += (i == 0 ? "" : ", ") + std::string(allowed[i]);
    }
    return message;
}

void check_allowed(const std::string& path, const Layers& layers,
                   const std::vector<std::string_view>& allowed) {
    std::vector<ConfigProblem> problems;
    for (const auto& layer : layers) {
        if (!layer->node.IsMap()) {
            continue;
        }
        for (const auto& item : layer->node) {
            const YAML::Node& key = item.first;
            if (key.IsScalar() &&
                std::find(allowed.begin(), allowed.end(), key.Scalar()) != allowed.end()) {
                continue;
            }
            problems.push_back(
                {location_at(layer->file, key.Mark()), unknown_key_message(path, key, allowed)});
        }
    }
    if (!problems.empty()) {
        throw ConfigError(std::move(problems));
    }
}

}  // namespace

ConfigSection::ConfigSection() = default;

ConfigSection::ConfigSection(std::string path, std::vector<std::shared_ptr<const Layer>> layers)
    : path_(std::move(path)), layers_(std::move(layers)) {}

ConfigSection ConfigSection::read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail_at({file.string()}, "cannot read this file; check the path");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const YAML::Node root = parse_yaml(text, file.string());
    if (!root.IsMap() && !root.IsNull()) {
        fail_at(location_at(file.string(), root.Mark()), "expected a mapping at the top level");
    }
    return ConfigSection("", {std::make_shared<const Layer>(Layer{file.string(), root})});
}

ConfigSection::~ConfigSection() = default;
ConfigSection::ConfigSection(const ConfigSection&) = default;
ConfigSection& ConfigSection::operator=(const ConfigSection&) = default;

bool ConfigSection::empty() const {
    return keys().empty();
}

bool ConfigSection::has(std::string_view key) const {
    return find_value(layers_, key).has_value();
}

std::vector<std::string> ConfigSection::keys() const {
    std::vector<std::string> names;
    for (const auto& layer : layers_) {
        if (!layer->node.IsMap()) {
            continue;
        }
        for (const auto& item : layer->node) {
            if (item.first.IsScalar() &&
                std::find(names.begin(), names.end(), item.first.Scalar()) == names.end()) {
                names.push_back(item.first.Scalar());
            }
        }
    }
    return names;
}

template <class T>
T ConfigSection::get(std::string_view key, T fallback) const {
    const auto entry = find_value(layers_, key);
    if (!entry) {
        return fallback;
    }
    return decode<T>(entry->layer->file, entry->value, join_path(path_, key));
}

template <class T>
T ConfigSection::require(std::string_view key) const {
    const auto entry = find_value(layers_, key);
    if (entry) {
        return decode<T>(entry->layer->file, entry->value, join_path(path_, key));
    }
    // `key:` with nothing after it is better pointed at than the section around it.
    for (const auto& layer : layers_) {
        if (const auto blank = find_in(*layer, key)) {
            fail_at(location_at(layer->file, blank->key.Mark()),
                    join_path(path_, key) + ": expected a value");
        }
    }
    fail({}, "missing required key '" + std::string(key) + "'");
}

ConfigSection ConfigSection::child(std::string_view key) const {
    const std::string path = join_path(path_, key);
    std::vector<std::shared_ptr<const Layer>> found;
    for (const auto& layer : layers_) {
        const auto entry = find_in(*layer, key);
        if (!entry || entry->value.IsNull()) {
            continue;
        }
        if (!entry->value.IsMap()) {
            if (found.empty()) {
                wrong_type(layer->file, entry->value, path, "a mapping");
            }
            // A mapping above replaced this value whole, and with it anything further down.
            break;
        }
        found.push_back(std::make_shared<const Layer>(Layer{layer->file, entry->value}));
    }
    if (found.empty() && !layers_.empty()) {
        // Still name a file, so that "missing required key" in an absent section says where to add
        // it.
        found.push_back(std::make_shared<const Layer>(Layer{layers_.front()->file, YAML::Node()}));
    }
    return ConfigSection(path, std::move(found));
}

std::vector<ConfigSection> ConfigSection::list(std::string_view key) const {
    const auto entry = find_value(layers_, key);
    if (!entry) {
        return {};
    }
    const std::string path = join_path(path_, key);
    const std::string& file = entry->layer->file;
    if (!entry->value.IsSequence()) {
        wrong_type(file, entry->value, path, "a list");
    }
    std::vector<ConfigSection> items;
    std::vector<ConfigProblem> problems;
    std::size_t index = 0;
    for (const auto& item : entry->value) {
        std::string item_path = path + "[" + std::to_string(index++) + "]";
        if (item.IsMap()) {
            items.emplace_back(std::move(item_path),
                               std::vector{std::make_shared<const Layer>(Layer{file, item})});
        } else {
            problems.push_back({location_at(file, item.Mark()),
                                item_path + ": expected a mapping, got " + describe(item)});
        }
    }
    if (!problems.empty()) {
        throw ConfigError(std::move(problems));
    }
    return items;
}

void ConfigSection::allow_only(std::initializer_list<std::string_view> allowed) const {
    check_allowed(path_, layers_, std::vector<std::string_view>(allowed));
}

void ConfigSection::allow_only(const std::vector<std::string>& allowed) const {
    check_allowed(path_, layers_, std::vector<std::string_view>(allowed.begin(), allowed.end()));
}

ConfigLocation ConfigSection::location(std::string_view key) const {
    if (const auto entry = key.empty() ? std::nullopt : find_value(layers_, key)) {
        return location_at(entry->layer->file, entry->value.Mark());
    }
    if (layers_.empty()) {
        return {};
    }
    return location_at(layers_.front()->file, layers_.front()->node.Mark());
}

void ConfigSection::fail(std::string_view key, std::string_view message) const {
    const std::string subject = key.empty() ? path_ : join_path(path_, key);
    fail_at(location(key),
            subject.empty() ? std::string(message) : subject + ": " + std::string(message));
}

template bool ConfigSection::get<bool>(std::string_view, bool) const;
template int ConfigSection::get<int>(std::string_view, int) const;
template std::int64_t ConfigSection::get<std::int64_t>(std::string_view, std::int64_t) const;
template double ConfigSection::get<double>(std::string_view, double) const;
template std::string ConfigSection::get<std::string>(std::string_view, std::string) const;
template std::vector<std::string> ConfigSection::get<std::vector<std::string>>(
    std::string_view, std::vector<std::string>) const;

template bool ConfigSection::require<bool>(std::string_view) const;
template int ConfigSection::require<int>(std::string_view) const;
template std::int64_t ConfigSection::require<std::int64_t>(std::string_view) const;
template double ConfigSection::require<double>(std::string_view) const;
template std::string ConfigSection::require<std::string>(std::string_view) const;
template std::vector<std::string> ConfigSection::require<std::vector<std::string>>(
    std::string_view) const;

}  // namespace moshtari
