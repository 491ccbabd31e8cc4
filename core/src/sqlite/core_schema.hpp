#pragma once
// The core's own tables, as numbered migrations in the "core" namespace.

#include <span>

#include "moshtari/migration.hpp"

namespace moshtari::sqlite {

std::span<const Migration> core_migrations();

}  // namespace moshtari::sqlite
