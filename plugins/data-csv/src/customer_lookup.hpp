#pragma once
// The customer an interaction or deal row names, by customer_external_id and/or customer_email
// (normalised as the customer import stores emails), found in an index of the stored customers'
// keys built once per import.

#include <string>

#include "contact_normaliser.hpp"
#include "key_index.hpp"
#include "moshtari/bulk_reader.hpp"

namespace moshtari::data_csv {

// What one row says about its customer, with the columns that said it (for reject messages).
struct CustomerReference {
    std::string external_id, external_id_column;
    std::string email, email_column;

    // True when `field` is customer_external_id or customer_email, which it then takes from
    // `value` (an empty value takes nothing).
    bool take(const std::string& field, const std::string& column, const std::string& value);
};

class CustomerLookup {
  public:
    CustomerLookup(BulkReader& reader, const ContactNormaliser& normaliser);

    // Throws RowError naming the column: a malformed email, a key no customer has ("import the
    // customers first"), keys of two different customers, or a row naming no customer.
    CustomerId find(const CustomerReference& reference) const;

  private:
    const ContactNormaliser& normaliser_;
    KeyIndex external_ids_, emails_;
};

}  // namespace moshtari::data_csv
