#include "customer_rows.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/database.hpp"

namespace moshtari::email {

void erase_customer_rows(Database& db, std::string_view table, CustomerId customer) {
    SQLite::Statement erase(db.sql(), fmt::format("DELETE FROM {} WHERE customer_id = ?", table));
    erase.bind(1, customer);
    erase.exec();
}

void move_customer_rows(Database& db, std::string_view table, CustomerId survivor,
                        CustomerId merged) {
    SQLite::Statement move(
        db.sql(), fmt::format("UPDATE {} SET customer_id = ? WHERE customer_id = ?", table));
    move.bind(1, survivor);
    move.bind(2, merged);
    move.exec();
}

}  // namespace moshtari::email
