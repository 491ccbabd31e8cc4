#pragma once
// CustomerFacts on SQLite: customer_order_facts, interactions and custom attributes.

#include "moshtari/customer_facts.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::sqlite {

class SqliteCustomerFacts final : public CustomerFacts {
  public:
    explicit SqliteCustomerFacts(Database& db) : db_(db) {}

    std::size_t catch_up() override;
    CustomerFeatures read(const FeatureRequest& request) override;

  private:
    Database& db_;
};

}  // namespace moshtari::sqlite
