#include "template_text.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

namespace moshtari::email {

namespace {

// Walks the text keeping the line and column (in characters, as editors count them) of each byte.
class Cursor {
  public:
    Cursor(std::string_view text, const ConfigLocation& origin)
        : text_(text), line_(origin.line), column_(origin.column) {}

    bool at_end() const { return pos_ >= text_.size(); }
    bool starts_with(std::string_view s) const { return text_.substr(pos_).starts_with(s); }
    char peek() const { return text_[pos_]; }
    std::size_t pos() const { return pos_; }
    int line() const { return line_; }
    int column() const { return column_; }

    void advance(std::size_t count = 1) {
        for (; count > 0 && !at_end(); --count, ++pos_) {
            const auto byte = static_cast<unsigned char>(text_[pos_]);
            if (byte == '\n') {
                ++line_;
                column_ = 1;
            } else if ((byte & 0xC0) != 0x80) {
                ++column_;
            }
        }
    }
    void skip_spaces() {
        while (!at_end() && (peek() == ' ' || peek() == '\t')) advance();
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_;
    int column_;
};

bool is_field_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

// Reads what follows `{{` up to and including `}}`; nullopt after reporting a problem.
std::optional<Placeholder> read_placeholder(Cursor& cursor, ConfigLocation where,
                                            std::vector<ConfigProblem>& problems) {
    const auto fail = [&](std::string message) {
        problems.push_back({where, std::move(message)});
        return std::nullopt;
    };
    Placeholder placeholder{{}, std::nullopt, where};
    cursor.skip_spaces();
    while (!cursor.at_end() && is_field_char(cursor.peek())) {
        placeholder.field += cursor.peek();
        cursor.advance();
    }
    if (placeholder.field.empty()) {
        return fail(
            "a placeholder needs a field name: {{ given_name }} or {{ given_name | \"friend\" }}");
    }
    cursor.skip_spaces();
    if (!cursor.at_end() && cursor.peek() == '|') {
        cursor.advance();
        cursor.skip_spaces();
        if (cursor.at_end() || cursor.peek() != '"') {
            return fail(
                fmt::format("the fallback of '{}' must be a quoted text: {{{{ {} | \"...\" }}}}",
                            placeholder.field, placeholder.field));
        }
        cursor.advance();
        std::string fallback;
        while (!cursor.at_end() && cursor.peek() != '"' && cursor.peek() != '\n') {
            fallback += cursor.peek();
            cursor.advance();
        }
        if (cursor.at_end() || cursor.peek() != '"') {
            return fail(
                fmt::format("the fallback of '{}' has no closing quote", placeholder.field));
        }
        cursor.advance();
        placeholder.fallback = std::move(fallback);
        cursor.skip_spaces();
    }
    if (!cursor.starts_with("}}")) {
        return fail(fmt::format("the placeholder '{}' is not closed with }}}}", placeholder.field));
    }
    cursor.advance(2);
    return placeholder;
}

}  // namespace

TemplateText TemplateText::parse(std::string_view text, const ConfigLocation& origin,
                                 std::vector<ConfigProblem>& problems) {
    TemplateText result;
    Cursor cursor(text, origin);
    std::string literal;
    while (!cursor.at_end()) {
        if (!cursor.starts_with("{{")) {
            literal += cursor.peek();
            cursor.advance();
            continue;
        }
        const ConfigLocation where{origin.file, cursor.line(), cursor.column()};
        const std::size_t start = cursor.pos();
        cursor.advance(2);
        auto placeholder = read_placeholder(cursor, where, problems);
        if (!placeholder) {
            // Skip to the end of the line, so one broken placeholder is reported once.
            while (!cursor.at_end() && cursor.peek() != '\n') cursor.advance();
            literal += text.substr(start, cursor.pos() - start);
            continue;
        }
        if (!literal.empty()) result.parts_.emplace_back(std::move(literal));
        literal.clear();
        result.parts_.emplace_back(std::move(*placeholder));
    }
    if (!literal.empty()) result.parts_.emplace_back(std::move(literal));
    return result;
}

TemplateText TemplateText::read_file(const std::filesystem::path& file,
                                     const ConfigLocation& referenced_at,
                                     std::vector<ConfigProblem>& problems) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problems.push_back(
            {referenced_at, fmt::format("cannot read the template file {}", file.string())});
        return {};
    }
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return parse(text, ConfigLocation{file.string(), 1, 1}, problems);
}

std::string TemplateText::render(
    const std::function<std::string(const Placeholder&)>& value) const {
    std::string out;
    for (const auto& part : parts_) {
        if (const auto* literal = std::get_if<std::string>(&part)) {
            out += *literal;
        } else {
            out += value(std::get<Placeholder>(part));
        }
    }
    return out;
}

}  // namespace moshtari::email
