#include "moshtari/database.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari {

Database::Database(const std::filesystem::path& file) : path_(file) {
    try {
        db_ = std::make_unique<SQLite::Database>(file.string(),
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        // Another process (the worker, a second CLI call) may hold the write lock for a moment:
        // wait, don't fail.
        db_->setBusyTimeout(10'000);
        db_->exec("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA synchronous = NORMAL");
        db_->exec("PRAGMA foreign_keys = ON");
    } catch (const SQLite::Exception& e) {
        throw UserError(fmt::format(
            "cannot open the database {}: {}; check that the folder exists and is writable",
            file.string(), e.what()));
    }
}

Database::~Database() = default;

}  // namespace moshtari
