#include "customer_lookup.hpp"

#include <fmt/format.h>

#include "row_mapper.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

bool CustomerReference::take(const std::string& field, const std::string& column,
                             const std::string& value) {
    if (field != "customer_external_id" && field != "customer_email") return false;
    if (trimmed(value).empty()) return true;
    if (field == "customer_external_id") {
        external_id = trimmed(value);
        external_id_column = column;
    } else {
        email = value;
        email_column = column;
    }
    return true;
}

CustomerLookup::CustomerLookup(BulkReader& reader, const ContactNormaliser& normaliser)
    : normaliser_(normaliser) {
    reader.each_customer_key([this](CustomerId id, CustomerKey kind, std::string_view key) {
        if (kind == CustomerKey::external_id) external_ids_.put(key, id);
        if (kind == CustomerKey::email) emails_.put(key, id);
    });
}

CustomerId CustomerLookup::find(const CustomerReference& ref) const {
    if (ref.external_id.empty() && ref.email.empty()) {
        throw RowError("",
                       "the row names no customer; map a column to customer_external_id or "
                       "customer_email");
    }
    std::optional<CustomerId> by_id;
    if (!ref.external_id.empty()) {
        by_id = external_ids_.find(ref.external_id);
        if (!by_id) {
            throw RowError(ref.external_id_column,
                           fmt::format("there is no customer with external id '{}'; import the "
                                       "customers first",
                                       ref.external_id));
        }
    }
    if (ref.email.empty()) return *by_id;
    std::string email;
    try {
        email = normaliser_.email(ref.email);
    } catch (const UserError& error) {
        throw RowError(ref.email_column, error.what());
    }
    const auto by_email = emails_.find(email);
    if (!by_email) {
        throw RowError(ref.email_column,
                       fmt::format("there is no customer with email '{}'; import the customers "
                                   "first",
                                   email));
    }
    if (by_id && *by_id != *by_email) {
        throw RowError(ref.email_column,
                       fmt::format("email '{}' belongs to customer #{}, not to customer #{} with "
                                   "external id '{}'",
                                   email, *by_email, *by_id, ref.external_id));
    }
    return *by_email;
}

}  // namespace moshtari::data_csv
