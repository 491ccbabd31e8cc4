#pragma once
// The customer_facts view: one row per customer with its order facts, lifecycle phase, and a
// segment_<method> and score_<method> column for every segmentation method. Automation rules and
// reports query it; it is redefined when the set of methods changes.

#include <string>
#include <vector>

namespace moshtari {
class Database;
}

namespace moshtari::sqlite {

// Defines the view with a column pair per method (names not made of letters, digits and '_' get
// '_' in the column); leaves it alone when it is defined so already.
void define_customer_facts_view(Database& db, std::vector<std::string> methods);

}  // namespace moshtari::sqlite
