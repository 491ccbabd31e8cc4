#include "guard.hpp"

#include <spdlog/spdlog.h>

namespace moshtari {

std::optional<std::string> run_guarded(std::string_view owner, std::string_view what,
                                       const std::function<void()>& call) noexcept {
    std::string reason;
    try {
        call();
        return std::nullopt;
    } catch (const std::exception& e) {
        reason = e.what();
    } catch (...) {
        reason = "an exception that is not a std::exception";
    }
    try {
        spdlog::error("{}: {} failed: {}", owner, what, reason);
    } catch (...) {
        // Logging itself failed (out of memory): the caller still gets the reason.
    }
    return reason;
}

}  // namespace moshtari
