#include "placeholders.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari::channel_phone {

namespace {

// Calls `literal(text)` and `placeholder(name)` for the pieces of `text`, in order.
template <class Literal, class Placeholder>
void scan(std::string_view text, Literal literal, Placeholder placeholder) {
    std::size_t at = 0;
    while (at < text.size()) {
        const auto open = text.find('{', at);
        if (open == std::string_view::npos) {
            literal(text.substr(at));
            return;
        }
        const auto close = text.find('}', open);
        if (close == std::string_view::npos) {
            throw UserError(
                fmt::format("'{}' opens a placeholder at character {} but never "
                            "closes it; write {{name}}",
                            text, open + 1));
        }
        if (close == open + 1) {
            throw UserError(fmt::format("'{}' has an empty placeholder {{}}", text));
        }
        literal(text.substr(at, open - at));
        placeholder(text.substr(open + 1, close - open - 1));
        at = close + 1;
    }
}

}  // namespace

std::vector<std::string> placeholders_in(std::string_view text) {
    std::vector<std::string> names;
    scan(
        text, [](std::string_view) {}, [&](std::string_view name) { names.emplace_back(name); });
    return names;
}

std::string render(std::string_view text, const Values& values) {
    std::string out;
    scan(
        text, [&](std::string_view piece) { out += piece; },
        [&](std::string_view name) {
            const auto value = values.find(name);
            if (value == values.end()) {
                throw UserError(fmt::format("'{}' has no value for {{{}}}", text, name));
            }
            out += value->second;
        });
    return out;
}

}  // namespace moshtari::channel_phone
