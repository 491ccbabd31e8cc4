#pragma once
// OrderStore on SQLite.

#include "moshtari/order_store.hpp"

namespace SQLite {
class Statement;
}

namespace moshtari {
class Database;
class EventLog;
class CustomerStore;
}  // namespace moshtari

namespace moshtari::sqlite {

class SqliteOrderStore final : public OrderStore {
  public:
    SqliteOrderStore(Database& db, EventLog& log, const CustomerStore& customers)
        : db_(db), log_(log), customers_(customers) {}

    OrderId add(const Order& order) override;
    void cancel(OrderId id, Timestamp at) override;
    void refund(OrderId id, const Money& amount, Timestamp at) override;
    Order get(OrderId id) const override;
    std::optional<Order> find_by_external_id(std::string_view external_id) const override;
    std::vector<Order> list(std::optional<CustomerId> customer, std::size_t limit) const override;

  private:
    Order read(SQLite::Statement& row) const;

    Database& db_;
    EventLog& log_;
    const CustomerStore& customers_;
};

// Throws UserError for an unknown currency or a line with quantity 0.
void check_order(const Order& order);

}  // namespace moshtari::sqlite
