#pragma once
// A configuration error with the file, line and column it points at (1-based).

#include <string>
#include <vector>

#include "moshtari/error.hpp"

namespace moshtari {

struct ConfigLocation {
    std::string file;
    int line = 0;  // 0 when the whole file is meant
    int column = 0;
};

struct ConfigProblem {
    ConfigLocation where;
    std::string message;  // what is wrong and what is expected

    // "moshtari.yaml:12:5: unknown key 'new_day'; did you mean 'new_days'?"
    MOSHTARI_API std::string to_string() const;
};

// One or more problems; what() lists them one per line.
class MOSHTARI_API ConfigError : public UserError {
  public:
    explicit ConfigError(std::vector<ConfigProblem> problems);
    const std::vector<ConfigProblem>& problems() const { return problems_; }

  private:
    std::vector<ConfigProblem> problems_;
};

}  // namespace moshtari
