#include "moshtari/migration.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/time.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari {

namespace {

void ensure_migration_table(Database& db) {
    db.sql().exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " namespace TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL,"
        " applied_at INTEGER NOT NULL, PRIMARY KEY (namespace, version))");
}

}  // namespace

int schema_version(Database& db, std::string_view name_space) {
    ensure_migration_table(db);
    SQLite::Statement query(
        db.sql(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE namespace = ?");
    query.bind(1, std::string(name_space));
    query.executeStep();
    return query.getColumn(0).getInt();
}

void migrate(Database& db, std::string_view name_space, std::span<const Migration> migrations) {
    // Checked before anything runs, so a badly numbered list is never half-applied.
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i) + 1) {
            throw std::logic_error(
                fmt::format("migrations of '{}' must be numbered 1, 2, 3...; found {} at place {}",
                            name_space, migrations[i].version, i + 1));
        }
    }
    // The version is read under the write lock: two processes opening a new deployment together
    // must not both apply the same migration.
    Transaction tx(db);
    const int current = schema_version(db, name_space);
    const int newest_known = static_cast<int>(migrations.size());
    if (current > newest_known) {
        const std::string upgrade = name_space == "core"
                                        ? std::string("upgrade Moshtari")
                                        : fmt::format("upgrade the plugin '{}'", name_space);
        throw UserError(fmt::format(
            "the database {} has '{}' schema version {}, but this build knows only up to version "
            "{}; it was written by a newer release: {} before opening it",
            db.path().string(), name_space, current, newest_known, upgrade));
    }
    for (const auto& migration : migrations.subspan(static_cast<std::size_t>(current))) {
        try {
            db.sql().exec(migration.sql);
        } catch (const SQLite::Exception& e) {
            throw std::runtime_error(fmt::format("migration '{}' {} ({}) failed: {}", name_space,
                                                 migration.version, migration.description,
                                                 e.what()));
        }
        SQLite::Statement record(db.sql(), "INSERT INTO schema_migrations VALUES (?, ?, ?, ?)");
        record.bind(1, std::string(name_space));
        record.bind(2, migration.version);
        record.bind(3, migration.description);
        record.bind(4, static_cast<std::int64_t>(to_unix(now())));
        record.exec();
    }
    tx.commit();
}

}  // namespace moshtari
