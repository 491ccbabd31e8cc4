#include "sqlite/row_reader.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace moshtari::sqlite {

RowReader::RowReader(SQLite::Database& db, const std::string& query) : db_(db.getHandle()) {
    const int result = sqlite3_prepare_v2(db_, query.c_str(), static_cast<int>(query.size()),
                                          &statement_, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(db_, result);
}

RowReader::~RowReader() {
    sqlite3_finalize(statement_);
}

void RowReader::bind(int index, std::int64_t value) {
    const int result = sqlite3_bind_int64(statement_, index, value);
    if (result != SQLITE_OK) throw SQLite::Exception(db_, result);
}

bool RowReader::next() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    throw SQLite::Exception(db_, result);
}

bool RowReader::null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t RowReader::int64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

}  // namespace moshtari::sqlite
