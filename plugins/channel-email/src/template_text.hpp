#pragma once
// A template with `{{ field }}` placeholders, or `{{ field | "fallback" }}` for a value some
// customers lack. Each placeholder remembers where it is written, so an unknown field is reported
// at its file, line and column.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "moshtari/config_error.hpp"

namespace moshtari::email {

struct Placeholder {
    std::string field;
    std::optional<std::string> fallback;
    ConfigLocation where;
};

class TemplateText {
  public:
    using Part = std::variant<std::string, Placeholder>;

    TemplateText() = default;
    // `origin` is where the text's first character is written; syntax problems are appended to
    // `problems` and the broken placeholder is left out.
    static TemplateText parse(std::string_view text, const ConfigLocation& origin,
                              std::vector<ConfigProblem>& problems);
    // Reads a UTF-8 file; an unreadable file is a problem at `referenced_at`.
    static TemplateText read_file(const std::filesystem::path& file,
                                  const ConfigLocation& referenced_at,
                                  std::vector<ConfigProblem>& problems);

    const std::vector<Part>& parts() const { return parts_; }
    // The text with each placeholder replaced by `value(placeholder)`.
    std::string render(const std::function<std::string(const Placeholder&)>& value) const;

  private:
    std::vector<Part> parts_;
};

}  // namespace moshtari::email
