#pragma once
// Bulk writes of many small rows (a segmentation run's memberships, a value fit's million values):
// one multi-row INSERT per batch of rows opens its cursors and runs its statement once for the
// batch instead of once per row, which is most of what writing a small row costs.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace moshtari {

// `head` is "INSERT INTO t (a, b, c) VALUES ", `row` one row's placeholders, such as "(?, ?, '')",
// with `parameters` question marks. bind_row(statement, first, i) binds row i's parameters at
// first, first + 1, ...; rows go in the order 0 .. count - 1.
template <class BindRow>
void insert_in_batches(SQLite::Database& sql, std::string_view head, std::string_view row,
                       int parameters, std::size_t count, BindRow bind_row) {
    constexpr std::size_t kRowsPerStatement = 64;
    const auto statement_for = [&](std::size_t rows) {
        std::string text(head);
        for (std::size_t i = 0; i < rows; ++i) {
            if (i > 0) text += ", ";
            text += row;
        }
        return SQLite::Statement(sql, text);
    };
    std::optional<SQLite::Statement> full;
    for (std::size_t first = 0; first < count; first += kRowsPerStatement) {
        const std::size_t rows = std::min(kRowsPerStatement, count - first);
        std::optional<SQLite::Statement> rest;
        if (rows == kRowsPerStatement && !full) full.emplace(statement_for(rows));
        if (rows < kRowsPerStatement) rest.emplace(statement_for(rows));
        SQLite::Statement& statement = rows == kRowsPerStatement ? *full : *rest;
        for (std::size_t i = 0; i < rows; ++i)
            bind_row(statement, 1 + static_cast<int>(i) * parameters, first + i);
        statement.exec();
        statement.reset();
    }
}

}  // namespace moshtari
