#include "moshtari/config_error.hpp"

#include <utility>

namespace moshtari {

namespace {

std::string describe(const std::vector<ConfigProblem>& problems) {
    std::string text;
    for (const auto& problem : problems) {
        if (!text.empty()) {
            text += '\n';
        }
        text += problem.to_string();
    }
    return text;
}

}  // namespace

std::string ConfigProblem::to_string() const {
    std::string text = where.file;
    if (where.line > 0) {
        text += ':' + std::to_string(where.line);
        if (where.column > 0) {
            text += ':' + std::to_string(where.column);
        }
    }
    return text.empty() ? message : text + ": " + message;
}

ConfigError::ConfigError(std::vector<ConfigProblem> problems)
    : UserError(describe(problems)), problems_(std::move(problems)) {}

}  // namespace moshtari
