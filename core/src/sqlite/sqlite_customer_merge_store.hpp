#pragma once
// CustomerMergeStore on SQLite.

#include <vector>

#include "moshtari/customer_merge_store.hpp"
#include "moshtari/personal_data_handler.hpp"

namespace moshtari {
class CustomerStore;
class Database;
class EventLog;
}  // namespace moshtari

namespace moshtari::sqlite {

class SqliteCustomerMergeStore final : public CustomerMergeStore {
  public:
    // `handlers` are the workspace's, as plugins register and withdraw them.
    SqliteCustomerMergeStore(Database& db, EventLog& log, CustomerStore& customers,
                             const std::vector<PersonalDataHandler>& handlers)
        : db_(db), log_(log), customers_(customers), handlers_(handlers) {}

    CustomerMerge merge(CustomerId survivor, CustomerId merged, std::string_view by) override;
    std::vector<CustomerMerge> merges_into(CustomerId survivor) const override;
    std::vector<DuplicatePair> duplicates(std::size_t limit) const override;

  private:
    Database& db_;
    EventLog& log_;
    CustomerStore& customers_;
    const std::vector<PersonalDataHandler>& handlers_;
};

}  // namespace moshtari::sqlite
