#pragma once
// A winner's notification subject or text with {{ placeholder }}s: name, given_name (the name
// when the customer has none), draw, prize, rank.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::draws {

class MessageTemplate {
  public:
    MessageTemplate() = default;
    // Throws UserError naming an unknown placeholder or a '{{' without '}}'.
    static MessageTemplate parse(std::string_view text);

    bool empty() const { return parts_.empty(); }
    // Every placeholder must be in `values`.
    std::string render(const std::map<std::string, std::string>& values) const;

  private:
    struct Part {
        bool placeholder = false;
        std::string text;  // the literal text, or the placeholder's name
    };
    std::vector<Part> parts_;
};

}  // namespace moshtari::draws
