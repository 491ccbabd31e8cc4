#pragma once
// The right of access and the right to be forgotten: everything held about one person as JSON, and
// erasure of it everywhere, plugins included. Both are written to an audit that names no one.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

struct PrivacyAuditEntry {
    CustomerId customer_id = 0;
    std::string action{};  // "export" or "erase"
    Timestamp at{};
    std::string by{};
    std::string summary{};  // counts only, never personal data
};

class MOSHTARI_API PrivacyStore {
  public:
    virtual ~PrivacyStore() = default;

    // The customer, contacts, consents, interactions, orders, deals, tasks, merges and every
    // plugin's data, under "plugins" by handler name.
    virtual nlohmann::json export_personal(CustomerId id, std::string_view by) = 0;
    // Deletes the customer and their records in one transaction (a CustomerErased event), keeping
    // only what the `privacy:` configuration keeps, detached from them. Returns the audit entry.
    virtual PrivacyAuditEntry erase(CustomerId id, std::string_view by) = 0;
    // Oldest first.
    virtual std::vector<PrivacyAuditEntry> audit(CustomerId id) const = 0;
};

}  // namespace moshtari
