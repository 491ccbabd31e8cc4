#pragma once
// Every row of every table in the database as text, to compare a database before and after an
// operation, or to search it for a string wherever it may hide.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <string>
#include <vector>

namespace moshtari {

inline std::string all_tables(SQLite::Database& sql) {
    std::vector<std::string> tables;
    SQLite::Statement names(sql,
                            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                            "'sqlite_%' ORDER BY name");
    while (names.executeStep()) tables.push_back(names.getColumn(0).getString());
    std::string text;
    for (const auto& table : tables) {
        SQLite::Statement rows(sql, "SELECT * FROM \"" + table + "\"");
        while (rows.executeStep()) {
            text += table;
            for (int i = 0; i < rows.getColumnCount(); ++i)
                text += "|" + rows.getColumn(i).getString();
            text += '\n';
        }
    }
    return text;
}

}  // namespace moshtari
