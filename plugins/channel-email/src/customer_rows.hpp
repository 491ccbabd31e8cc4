#pragma once
// What the plugin's tables that name a customer do when the customer is erased or merged.

#include <string_view>

#include "moshtari/customer.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::email {

// Deletes the rows of `table` whose customer_id is `customer`.
void erase_customer_rows(Database& db, std::string_view table, CustomerId customer);
// Gives the rows of `table` that name `merged` to `survivor`.
void move_customer_rows(Database& db, std::string_view table, CustomerId survivor,
                        CustomerId merged);

}  // namespace moshtari::email
