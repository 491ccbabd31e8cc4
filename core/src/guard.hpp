#pragma once
// Every call into plugin code (start, event slots, durable handlers) runs behind this guard, so one
// bad plugin is logged under its name instead of taking the process down.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace moshtari {

// Runs `call`. If it throws, logs "<owner>: <what> failed: <reason>" and returns the reason.
std::optional<std::string> run_guarded(std::string_view owner, std::string_view what,
                                       const std::function<void()>& call) noexcept;

}  // namespace moshtari
