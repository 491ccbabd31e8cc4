#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/bulk_reader.hpp"
#include "moshtari/database.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {

constexpr const char* kCustomerColumns =
    "SELECT id, kind, name, given_name, family_name, language, time_zone, birthday, "
    "external_id, created_at, updated_at, lifecycle_stage FROM customers";

constexpr const char* kOrderColumns =
    "SELECT id, customer_id, external_id, at, total_minor, currency, cancelled FROM orders";

std::string text_or_empty(const SQLite::Column& column) {
    return column.isNull() ? std::string() : column.getString();
}

class SqliteBulkReader final : public BulkReader {
  public:
    explicit SqliteBulkReader(Database& db)
        : sql_(db.sql()),
          customer_(sql_, std::string(kCustomerColumns) + " WHERE id = ?"),
          contacts_(sql_,
                    "SELECT kind, value, label, is_primary FROM customer_contacts WHERE "
                    "customer_id = ? ORDER BY position"),
          tags_(sql_, "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag"),
          attributes_(sql_,
                      "SELECT name, type, value FROM customer_attributes WHERE customer_id = ?"),
          order_(sql_, std::string(kOrderColumns) + " WHERE external_id = ?"),
          lines_(sql_,
                 "SELECT sku, description, quantity, unit_price_minor, category FROM order_lines "
                 "WHERE order_id = ? ORDER BY position") {}

    void each_customer_key(
        const std::function<void(CustomerId, CustomerKey, std::string_view)>& visit) override {
        SQLite::Statement ids(
            sql_, "SELECT id, external_id FROM customers WHERE external_id IS NOT NULL");
        while (ids.executeStep()) {
            visit(ids.getColumn(0).getInt64(), CustomerKey::external_id,
                  ids.getColumn(1).getText());
        }
        SQLite::Statement contacts(sql_, "SELECT customer_id, kind, value FROM customer_contacts");
        while (contacts.executeStep()) {
            const std::string_view kind = contacts.getColumn(1).getText();
            visit(contacts.getColumn(0).getInt64(),
                  kind == "email" ? CustomerKey::email : CustomerKey::phone,
                  contacts.getColumn(2).getText());
        }
    }

    std::optional<Customer> find_customer(CustomerId id) override {
        customer_.tryReset();
        customer_.bind(1, static_cast<int64_t>(id));
        if (!customer_.executeStep()) return std::nullopt;
        return read_customer(customer_);
    }

    std::optional<Order> find_order(std::string_view external_id) override {
        order_.tryReset();
        order_.bind(1, std::string(external_id));
        if (!order_.executeStep()) return std::nullopt;
        return read_order(order_);
    }

    void each_customer(const std::function<void(const Customer&)>& visit) override {
        SQLite::Statement all(sql_, std::string(kCustomerColumns) + " ORDER BY id");
        while (all.executeStep()) visit(read_customer(all));
    }

    void each_order(const std::function<void(const Order&)>& visit) override {
        SQLite::Statement all(sql_, std::string(kOrderColumns) + " ORDER BY id");
        while (all.executeStep()) visit(read_order(all));
    }

  private:
    Customer read_customer(SQLite::Statement& row) {
        Customer c;
        c.id = row.getColumn(0).getInt64();
        c.kind = parse_customer_kind(row.getColumn(1).getText());
        c.name = row.getColumn(2).getString();
        c.given_name = row.getColumn(3).getString();
        c.family_name = row.getColumn(4).getString();
        c.language = row.getColumn(5).getString();
        c.time_zone = row.getColumn(6).getString();
        if (!row.getColumn(7).isNull()) c.birthday = parse_date(row.getColumn(7).getText());
        c.external_id = text_or_empty(row.getColumn(8));
        c.created_at = from_unix(row.getColumn(9).getInt64());
        c.updated_at = from_unix(row.getColumn(10).getInt64());
        c.lifecycle_stage = row.getColumn(11).getString();

        contacts_.tryReset();
        contacts_.bind(1, static_cast<int64_t>(c.id));
        while (contacts_.executeStep()) {
            c.contacts.push_back({parse_contact_kind(contacts_.getColumn(0).getText()),
                                  contacts_.getColumn(1).getString(),
                                  contacts_.getColumn(2).getString(),
                                  contacts_.getColumn(3).getInt() != 0});
        }
        tags_.tryReset();
        tags_.bind(1, static_cast<int64_t>(c.id));
        while (tags_.executeStep()) c.tags.push_back(tags_.getColumn(0).getString());
        attributes_.tryReset();
        attributes_.bind(1, static_cast<int64_t>(c.id));
        while (attributes_.executeStep()) {
            c.attributes.emplace(
                attributes_.getColumn(0).getString(),
                read_attribute(attributes_.getColumn(1).getText(), attributes_.getColumn(2)));
        }
        return c;
    }

    Order read_order(SQLite::Statement& row) {
        Order order;
        order.id = row.getColumn(0).getInt64();
        if (!row.getColumn(1).isNull()) order.customer_id = row.getColumn(1).getInt64();
        order.external_id = text_or_empty(row.getColumn(2));
        order.at = from_unix(row.getColumn(3).getInt64());
        order.total = Money{row.getColumn(4).getInt64(), row.getColumn(5).getString()};
        order.cancelled = row.getColumn(6).getInt() != 0;
        lines_.tryReset();
        lines_.bind(1, static_cast<int64_t>(order.id));
        while (lines_.executeStep()) {
            order.lines.push_back({lines_.getColumn(0).getString(), lines_.getColumn(1).getString(),
                                   lines_.getColumn(2).getInt64(), lines_.getColumn(3).getInt64(),
                                   lines_.getColumn(4).getString()});
        }
        return order;
    }

    SQLite::Database& sql_;
    SQLite::Statement customer_, contacts_, tags_, attributes_, order_, lines_;
};

}  // namespace

}  // namespace moshtari::sqlite

std::unique_ptr<moshtari::BulkReader> moshtari::make_bulk_reader(Database& db) {
    return std::make_unique<sqlite::SqliteBulkReader>(db);
}
