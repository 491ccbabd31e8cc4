#pragma once
// What the import command resolved from its flags, the mapping and the plugin's settings.

#include <cstddef>
#include <string>
#include <vector>

#include "mapping.hpp"

namespace moshtari::data_csv {

struct ImportOptions {
    Mode mode = Mode::create_only;
    std::vector<MatchRule> match{MatchRule::external_id, MatchRule::email, MatchRule::phone};
    std::size_t batch_size = 10'000;
    bool dry_run = false;
    std::string currency;  // orders without a currency column
};

}  // namespace moshtari::data_csv
