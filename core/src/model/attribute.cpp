#include "moshtari/attribute.hpp"

#include <fmt/format.h>

#include <charconv>

#include "moshtari/error.hpp"

namespace moshtari {

const char* attribute_type_name(const AttributeValue& value) {
    static constexpr const char* kNames[] = {"text", "integer", "number", "boolean"};
    return kNames[value.index()];
}

std::string attribute_to_string(const AttributeValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else {
                return fmt::format("{}", v);
            }
        },
        value);
}

std::pair<std::string, AttributeValue> parse_attribute_assignment(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw UserError(fmt::format(
            "attribute '{}' needs a name and a value: name=value or name:type=value", text));
    }
    std::string_view name = text.substr(0, eq);
    const std::string_view raw = text.substr(eq + 1);
    std::string_view type = "text";
    if (const auto colon = name.find(':'); colon != std::string_view::npos) {
        type = name.substr(colon + 1);
        name = name.substr(0, colon);
    }
    const auto bad = [&] {
        return UserError(fmt::format("attribute '{}': '{}' is not a valid {}", name, raw, type));
    };
    if (type == "text") return {std::string(name), std::string(raw)};
    if (type == "integer") {
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
        if (ec != std::errc{} || end != raw.data() + raw.size()) throw bad();
        return {std::string(name), v};
    }
    if (type == "number") {
        double v = 0;
        const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
        if (ec != std::errc{} || end != raw.data() + raw.size()) throw bad();
        return {std::string(name), v};
    }
    if (type == "boolean") {
        if (raw == "true" || raw == "yes") return {std::string(name), true};
        if (raw == "false" || raw == "no") return {std::string(name), false};
        throw bad();
    }
    throw UserError(fmt::format(
        "attribute '{}': unknown type '{}'; use text, integer, number or boolean", name, type));
}

}  // namespace moshtari
