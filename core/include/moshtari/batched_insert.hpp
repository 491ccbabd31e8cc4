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

// `head` is "INSERT INTO t (a, b, c, d) VALUES " and `row` one row's values with their
// parameter markers, such as "(?1, ?, ?, '')": ?1 ... ?`shared` hold what every row has in
// common, bound by bind_shared(statement) once per statement, and each bare ? is a parameter of
// its own per row, bound by bind_row(statement, first, i) at first, first + 1, ... for row i. Rows
// go in the order 0 .. count - 1. Measured slower than a statement per row for the loyalty
// ledger's wide rows with an ON CONFLICT clause: use it for narrow rows that cannot conflict.
template <class BindShared, class BindRow>
void insert_in_batches(SQLite::Database& sql, std::string_view head, std::string_view row,
                       int shared, std::size_t count, BindShared bind_shared, BindRow bind_row) {
    constexpr std::size_t kRowsPerStatement = 64;
    // A bare ?, not one of the shared ?1 ... ?N.
    const auto own_parameter_at = [&](std::size_t at) {
        return row[at] == '?' && !(at + 1 < row.size() && row[at + 1] >= '0' && row[at + 1] <= '9');
    };
    int per_row = 0;
    for (std::size_t at = 0; at < row.size(); ++at) per_row += own_parameter_at(at) ? 1 : 0;
    const auto first_of = [&](std::size_t i) { return shared + 1 + static_cast<int>(i) * per_row; };
    const auto statement_for = [&](std::size_t rows) {
        std::string text(head);
        for (std::size_t i = 0; i < rows; ++i) {
            if (i > 0) text += ", ";
            int next = first_of(i);
            for (std::size_t at = 0; at < row.size(); ++at) {
                text += row[at];
                if (own_parameter_at(at)) text += std::to_string(next++);
            }
        }
        SQLite::Statement statement(sql, text);
        bind_shared(statement);
        return statement;
    };
    std::optional<SQLite::Statement> full;
    for (std::size_t first = 0; first < count; first += kRowsPerStatement) {
        const std::size_t rows = std::min(kRowsPerStatement, count - first);
        std::optional<SQLite::Statement> rest;
        if (rows == kRowsPerStatement && !full) full.emplace(statement_for(rows));
        if (rows < kRowsPerStatement) rest.emplace(statement_for(rows));
        SQLite::Statement& statement = rows == kRowsPerStatement ? *full : *rest;
        for (std::size_t i = 0; i < rows; ++i) bind_row(statement, first_of(i), first + i);
        statement.exec();
        statement.reset();  // keeps the bindings: the shared values stay bound
    }
}

}  // namespace moshtari
