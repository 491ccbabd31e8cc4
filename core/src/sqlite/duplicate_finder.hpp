#pragma once
// Likely duplicate customers, found by grouping on match keys rather than comparing every pair.

#include <cstddef>
#include <vector>

#include "moshtari/customer_merge_store.hpp"

namespace SQLite {
class Database;
}

namespace moshtari::sqlite {

// Customers of the same kind that share an email or phone match key, or have similar names in the
// same `city` attribute. Linear in the number of contacts and customers with a city: a shared key
// pairs every holder with its oldest one, and names are compared only within a city and name
// block, each with its next few neighbours in name order.
std::vector<DuplicatePair> find_duplicates(SQLite::Database& sql, std::size_t limit);

}  // namespace moshtari::sqlite
