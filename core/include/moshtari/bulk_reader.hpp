#pragma once
// Fast reads for bulk imports and exports: statements prepared once, records streamed one at a
// time so that no caller holds a whole table in memory.

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "moshtari/customer.hpp"
#include "moshtari/export.hpp"
#include "moshtari/order.hpp"

namespace moshtari {

class Database;

enum class CustomerKey { external_id, email, phone };

class MOSHTARI_API BulkReader {
  public:
    virtual ~BulkReader() = default;

    // Every customer's external id, emails and phones (as stored: normalised), so an importer can
    // match against a compact index of keys instead of whole customers.
    virtual void each_customer_key(
        const std::function<void(CustomerId, CustomerKey, std::string_view)>& visit) = 0;
    // The fields a BulkWriter writes: profile, external id, contacts, tags and attributes.
    virtual std::optional<Customer> find_customer(CustomerId id) = 0;
    virtual std::optional<Order> find_order(std::string_view external_id) = 0;
    // In id order, with the same fields as find_customer.
    virtual void each_customer(const std::function<void(const Customer&)>& visit) = 0;
    // In id order, with their lines.
    virtual void each_order(const std::function<void(const Order&)>& visit) = 0;
};

// The reader must not outlive `db`.
MOSHTARI_API std::unique_ptr<BulkReader> make_bulk_reader(Database& db);

}  // namespace moshtari
