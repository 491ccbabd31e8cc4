#pragma once
// Versioned schema migrations, recorded per namespace ("core", or a plugin's id) in the database
// itself.

#include <span>
#include <string>
#include <string_view>

#include "moshtari/export.hpp"

namespace moshtari {

class Database;

struct Migration {
    int version;              // 1, 2, 3 ... in order, never reused
    std::string description;  // recorded in schema_migrations and named in errors
    std::string sql;  // one or more statements; a plugin prefixes its tables with its own name
};

// Applies the migrations not yet recorded for `name_space`, all in one transaction, so an upgrade
// is all or nothing. Throws UserError when the database was written by a newer version (it knows a
// migration this code does not).
MOSHTARI_API void migrate(Database& db, std::string_view name_space,
                          std::span<const Migration> migrations);

// The newest version applied for the namespace, 0 if none.
MOSHTARI_API int schema_version(Database& db, std::string_view name_space);

}  // namespace moshtari
