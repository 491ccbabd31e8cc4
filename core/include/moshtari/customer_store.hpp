#pragma once
// Customers: each change is one transaction with its event (CustomerCreated, CustomerUpdated,
// ConsentChanged).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/export.hpp"

namespace moshtari {

struct CustomerQuery {
    std::string text{};             // matches name, email or phone (case-insensitive substring)
    std::string tag{};              // only customers with this tag
    std::string lifecycle_stage{};  // only customers in this stage
    std::size_t limit = 100;
    std::size_t offset = 0;
};

class MOSHTARI_API CustomerStore {
  public:
    virtual ~CustomerStore() = default;

    // Validates (a name, well-formed emails, no contact already used by another customer) and
    // returns the new id.
    virtual CustomerId create(const Customer& customer) = 0;
    // Replaces the profile, contacts, memberships, tags and attributes of the stored customer with
    // the same id (consents, lifecycle stage and creation time have their own paths); records which
    // fields changed, and writes nothing when none did.
    virtual void update(const Customer& customer) = 0;
    virtual std::optional<Customer> find(CustomerId id) const = 0;
    // Throws NotFound with the id.
    virtual Customer get(CustomerId id) const = 0;
    virtual std::vector<Customer> list(const CustomerQuery& query) const = 0;
    virtual std::optional<CustomerId> find_by_contact(ContactKind kind,
                                                      std::string_view value) const = 0;
    // The customer imported with this id from another system, if any.
    virtual std::optional<CustomerId> find_by_external_id(std::string_view external_id) const = 0;
    virtual void add_tags(CustomerId id, const std::vector<std::string>& tags) = 0;
    virtual void remove_tags(CustomerId id, const std::vector<std::string>& tags) = 0;
    // Appends to the consent history; the latest entry per channel is what counts.
    virtual void record_consent(CustomerId id, const Consent& consent) = 0;
    // Used by a lifecycle segmenter inside its own transaction; emits nothing (the segmenter emits
    // SegmentChanged).
    virtual void set_lifecycle_stage(CustomerId id, std::string_view stage) = 0;
    virtual std::size_t count() const = 0;
};

}  // namespace moshtari
