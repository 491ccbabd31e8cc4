#include "moshtari/toolchain.hpp"

#include "moshtari/export.hpp"

namespace moshtari {

// The macro expands here, inside the core, so this is the host's tag; a plugin expands it in its
// own code. Exported so tools and tests outside the core can print it beside a plugin's.
std::string_view host_toolchain_tag() noexcept {
    return MOSHTARI_TOOLCHAIN_TAG;
}

}  // namespace moshtari
