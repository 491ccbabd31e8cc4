#pragma once
// Fast writes for bulk imports. The stores' create() and add() read back, re-check and append one
// event per record, which a million-row import cannot afford; a BulkWriter prepares its statements
// once, writes inside the caller's Transaction and appends no event: the caller appends one batch
// event (CustomersImported, OrdersImported) per commit.

#include <memory>
#include <optional>

#include "moshtari/customer.hpp"
#include "moshtari/export.hpp"
#include "moshtari/order.hpp"

namespace moshtari {

class Database;

class MOSHTARI_API BulkWriter {
  public:
    virtual ~BulkWriter() = default;

    // Each call is all or nothing, and throws UserError (nothing of the record written) when the
    // record is invalid as the stores judge it (a name, well-formed contacts, a known currency, no
    // zero quantity) or when it would take an external id or contact point another record has.

    // Normalises like CustomerStore::create; consents, memberships and the lifecycle stage are not
    // written. Returns the new id.
    virtual CustomerId add_customer(const Customer& customer) = 0;
    // Replaces the kind, names, external id, language, time zone, birthday, contacts, tags and
    // attributes of the customer with customer.id.
    virtual void replace_customer(const Customer& customer) = 0;
    // Returns nothing, and writes nothing, when an order with its external id is stored already:
    // one lookup fewer per order than asking first.
    virtual std::optional<OrderId> add_order(const Order& order) = 0;
    // Replaces the customer, time, total, cancelled flag and lines of the order with order.id.
    virtual void replace_order(const Order& order) = 0;
};

// Must be used inside a Transaction on `db`; the writer must not outlive `db`. While it lives,
// SQLite keeps up to `page_cache_mib` MiB of the database in memory: the importer knows how much
// of its memory budget its own indexes leave.
MOSHTARI_API std::unique_ptr<BulkWriter> make_bulk_writer(Database& db, int page_cache_mib);

}  // namespace moshtari
