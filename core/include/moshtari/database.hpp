#pragma once
// One SQLite database file: WAL journal, foreign keys on, a busy timeout, and nestable
// transactions.

#include <filesystem>
#include <memory>

#include "moshtari/export.hpp"

namespace SQLite {
class Database;
}

namespace moshtari {

class MOSHTARI_API Database {
  public:
    // Opens (creating if needed) the file; throws UserError naming the file when it cannot be
    // opened.
    explicit Database(const std::filesystem::path& file);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // SQLiteCpp's handle, for prepared statements; write only inside a Transaction.
    SQLite::Database& sql() { return *db_; }
    const std::filesystem::path& path() const { return path_; }
    // True inside a Transaction that SQLite still holds open.
    bool in_transaction() const;

  private:
    friend class Transaction;
    std::filesystem::path path_;
    std::unique_ptr<SQLite::Database> db_;
    int depth_ = 0;
};

}  // namespace moshtari
