#pragma once
// The plugin's own tables, in its migration namespace.

#include <vector>

#include "moshtari/migration.hpp"

namespace moshtari::email {

std::vector<Migration> migrations();

}  // namespace moshtari::email
