#pragma once
// The versions of another plugin a plugin accepts, as written in its manifest's `requires`:
//   "*"  ">=0.1"  "<1.0"  "=1.2.3"  ">=0.1, <1.0"  "^0.2"  "~1.2.3"
// A comma joins conditions that must all hold.

#include <string>
#include <string_view>
#include <vector>

#include "host/semantic_version.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

// Exported only so the unit tests can reach it; not part of the public API.
class MOSHTARI_API VersionRange {
  public:
    // Throws std::invalid_argument with a sentence naming the bad part and the accepted forms.
    static VersionRange parse(std::string_view text);

    bool contains(const SemanticVersion& version) const;
    // As written, for messages.
    const std::string& text() const { return text_; }

  private:
    enum class Relation { equal, less, less_or_equal, greater, greater_or_equal };
    struct Bound {
        Relation relation;
        SemanticVersion version;
    };

    static void add_term(std::string_view range, std::string_view term, std::vector<Bound>& bounds);

    std::string text_;
    std::vector<Bound> bounds_;  // all must hold; none means any version
};

}  // namespace moshtari
