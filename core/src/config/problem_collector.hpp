#pragma once
// Gathers the ConfigErrors of independent checks, so one run shows the user everything to fix.

#include <utility>
#include <vector>

#include "moshtari/config_error.hpp"

namespace moshtari {

class ProblemCollector {
  public:
    template <class Check>
    void collect(Check&& check) {
        try {
            std::forward<Check>(check)();
        } catch (const ConfigError& error) {
            problems_.insert(problems_.end(), error.problems().begin(), error.problems().end());
        }
    }

    const std::vector<ConfigProblem>& problems() const { return problems_; }

    void throw_if_any() const {
        if (!problems_.empty()) throw ConfigError(problems_);
    }

  private:
    std::vector<ConfigProblem> problems_;
};

}  // namespace moshtari
