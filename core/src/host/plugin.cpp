#include "moshtari/plugin.hpp"

namespace moshtari {

// A plugin that reads no settings must still refuse them, so a misplaced key
// is reported instead of ignored.
void Plugin::configure(const ConfigSection& section) {
    section.allow_only({});
}

}  // namespace moshtari
