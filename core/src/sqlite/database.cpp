#include "moshtari/database.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "moshtari/error.hpp"

namespace moshtari {

namespace {

// Switching a new file to WAL needs a moment of exclusive access and does not wait on the busy
// timeout, so commands started together on a fresh deployment retry here instead of failing.
void enable_wal(SQLite::Database& db) {
    for (int attempt = 0;; ++attempt) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_BUSY || attempt == 200) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

}  // namespace

Database::Database(const std::filesystem::path& file) : path_(file) {
    try {
        // A connection belongs to one thread at a time (a process, the worker, a test), so SQLite
        // need not lock a mutex on every call: a tenth of a bulk write's time otherwise.
        db_ = std::make_unique<SQLite::Database>(
            file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
        // Another process (the worker, a second CLI call) may hold the write lock for a moment:
        // wait, don't fail.
        db_->setBusyTimeout(10'000);
        enable_wal(*db_);
        db_->exec("PRAGMA synchronous = NORMAL");
        db_->exec("PRAGMA foreign_keys = ON");
    } catch (const SQLite::Exception& e) {
        const bool locked = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
        throw UserError(
            fmt::format("cannot open the database {}: {}; {}", file.string(), e.what(),
                        locked ? "another process holds it locked; try again when it is done"
                               : "check that the folder exists and is writable"));
    }
}

Database::~Database() = default;

bool Database::in_transaction() const {
    // SQLite ends a transaction on its own after some errors: trust its state, not only our count.
    return depth_ > 0 && sqlite3_get_autocommit(db_->getHandle()) == 0;
}

}  // namespace moshtari
