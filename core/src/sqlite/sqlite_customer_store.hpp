#pragma once
// CustomerStore on SQLite.

#include "moshtari/customer_store.hpp"

namespace moshtari {
class Database;
class EventLog;
}  // namespace moshtari

namespace moshtari::sqlite {

class SqliteCustomerStore final : public CustomerStore {
  public:
    SqliteCustomerStore(Database& db, EventLog& log) : db_(db), log_(log) {}

    CustomerId create(const Customer& customer) override;
    void update(const Customer& customer) override;
    std::optional<Customer> find(CustomerId id) const override;
    Customer get(CustomerId id) const override;
    std::vector<Customer> list(const CustomerQuery& query) const override;
    std::optional<CustomerId> find_by_contact(ContactKind kind,
                                              std::string_view value) const override;
    std::optional<CustomerId> find_by_external_id(std::string_view external_id) const override;
    void add_tags(CustomerId id, const std::vector<std::string>& tags) override;
    void remove_tags(CustomerId id, const std::vector<std::string>& tags) override;
    void record_consent(CustomerId id, const Consent& consent) override;
    void set_lifecycle_stage(CustomerId id, std::string_view stage) override;
    std::size_t count() const override;

  private:
    // Writes contacts, memberships, tags and attributes, replacing what was there.
    void write_details(CustomerId id, const Customer& customer);
    void touch(CustomerId id, const std::vector<std::string>& fields);
    // Throws UserError when another customer than `id` already has this external id.
    void check_external_id_free(CustomerId id, std::string_view external_id) const;

    Database& db_;
    EventLog& log_;
};

// Lower-cases and trims emails, strips phone punctuation, collapses white space in names; throws
// UserError on a malformed contact or a missing name.
Customer normalised(const Customer& customer);

}  // namespace moshtari::sqlite
