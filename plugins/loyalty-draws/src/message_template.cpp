#include "message_template.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "moshtari/error.hpp"

namespace moshtari::draws {

namespace {

constexpr std::array<std::string_view, 5> kPlaceholders = {"name", "given_name", "draw", "prize",
                                                           "rank"};

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

MessageTemplate MessageTemplate::parse(std::string_view text) {
    MessageTemplate parsed;
    while (!text.empty()) {
        const auto open = text.find("{{");
        if (open != 0) parsed.parts_.push_back({false, std::string(text.substr(0, open))});
        if (open == std::string_view::npos) break;
        const auto close = text.find("}}", open);
        if (close == std::string_view::npos) {
            throw UserError(fmt::format("'{{{{' at character {} has no '}}}}'", open + 1));
        }
        const auto name = trimmed(text.substr(open + 2, close - open - 2));
        if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end()) {
            throw UserError(fmt::format("unknown placeholder '{}'; use {}", name,
                                        fmt::join(kPlaceholders, ", ")));
        }
        parsed.parts_.push_back({true, std::string(name)});
        text.remove_prefix(close + 2);
    }
    return parsed;
}

std::string MessageTemplate::render(const std::map<std::string, std::string>& values) const {
    std::string text;
    for (const auto& part : parts_) text += part.placeholder ? values.at(part.text) : part.text;
    return text;
}

}  // namespace moshtari::draws
