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
    const int current = schema_version(db, name_space);
    const int newest_known = migrations.empty() ? 0 : migrations.back().version;
    if (current > newest_known) {
        throw UserError(
            fmt::format("the database {} has '{}' schema version {}, but this build of Moshtari "
                        "knows only up to version {}; it "
                        "was written by a newer release: upgrade Moshtari (or the plugin '{}') "
                        "before opening it",
                        db.path().string(), name_space, current, newest_known, name_space));
    }
    int expected = 1;
    for (const auto& migration : migrations) {
        if (migration.version != expected++) {
            throw std::logic_error(
                fmt::format("migrations of '{}' must be numbered 1, 2, 3...; found {} at place {}",
                            name_space, migration.version, expected - 1));
        }
        if (migration.version <= current) continue;
        Transaction tx(db);
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
        tx.commit();
    }
}

}  // namespace moshtari
