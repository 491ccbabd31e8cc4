#include "sqlite/sqlite_order_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/order_facts.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {
constexpr const char* kColumns =
    "SELECT id, customer_id, external_id, at, total_minor, currency, cancelled, refunded_minor "
    "FROM orders";
}  // namespace

void check_order(const Order& order) {
    minor_unit_digits(order.total.currency);  // throws UserError for an unknown currency
    for (const auto& line : order.lines) {
        if (line.quantity == 0)
            throw UserError(fmt::format("order line '{}' has quantity 0", line.sku));
    }
}

OrderId SqliteOrderStore::add(const Order& input) {
    check_order(input);
    const auto at = or_now(input.at);
    Transaction tx(db_);
    if (input.customer_id) customers_.get(*input.customer_id);
    if (!input.external_id.empty()) {
        if (auto existing = find_by_external_id(input.external_id)) {
            throw UserError(
                fmt::format("order '{}' already exists as order #{}; external ids are unique",
                            input.external_id, existing->id));
        }
    }
    SQLite::Statement insert(
        db_.sql(),
        "INSERT INTO orders (customer_id, external_id, at, total_minor, currency, cancelled) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    bind_id_or_null(insert, 1, input.customer_id);
    bind_text_or_null(insert, 2, input.external_id);
    insert.bind(3, static_cast<int64_t>(to_unix(at)));
    insert.bind(4, static_cast<int64_t>(input.total.minor_units));
    insert.bind(5, input.total.currency);
    insert.bind(6, input.cancelled ? 1 : 0);
    insert.exec();
    const OrderId id = db_.sql().getLastInsertRowid();
    SQLite::Statement line_insert(
        db_.sql(),
        "INSERT INTO order_lines (order_id, position, sku, description, "
        "quantity, unit_price_minor, category) VALUES (?, ?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const auto& line : input.lines) {
        line_insert.bind(1, static_cast<int64_t>(id));
        line_insert.bind(2, position++);
        line_insert.bind(3, line.sku);
        line_insert.bind(4, line.description);
        line_insert.bind(5, static_cast<int64_t>(line.quantity));
        line_insert.bind(6, static_cast<int64_t>(line.unit_price_minor));
        line_insert.bind(7, line.category);
        line_insert.exec();
        line_insert.reset();
    }
    count_new_order(db_, id);
    log_.append(events::OrderPlaced{id, input.customer_id.value_or(0), to_unix(at),
                                    input.total.minor_units, input.total.currency, input.cancelled},
                at);
    tx.commit();
    return id;
}

void SqliteOrderStore::cancel(OrderId id, Timestamp at) {
    const auto when = or_now(at);
    Transaction tx(db_);
    const Order order = get(id);
    if (order.cancelled) {
        throw UserError(
            fmt::format("order #{} is already cancelled; there is nothing to undo", id));
    }
    SQLite::Statement update(db_.sql(), "UPDATE orders SET cancelled = 1 WHERE id = ?");
    update.bind(1, static_cast<int64_t>(id));
    update.exec();
    if (order.customer_id) recount_order_facts(db_, *order.customer_id);
    log_.append(events::OrderCancelled{id, order.customer_id.value_or(0), to_unix(when)}, when);
    tx.commit();
}

void SqliteOrderStore::refund(OrderId id, const Money& amount, Timestamp at) {
    const auto when = or_now(at);
    Transaction tx(db_);
    const Order order = get(id);
    if (order.cancelled) {
        throw UserError(fmt::format("order #{} is cancelled; there is nothing to refund", id));
    }
    if (amount.currency != order.total.currency) {
        throw UserError(fmt::format("order #{} is in {}; give the refund in {}, not {}", id,
                                    order.total.currency, order.total.currency, amount.currency));
    }
    const std::int64_t left = order.total.minor_units - order.refunded_minor;
    if (amount.minor_units <= 0 || amount.minor_units > left) {
        throw UserError(fmt::format(
            "order #{} has {} left to refund of {}; a refund must be more than zero and at most "
            "that, not {}",
            id, format_money({left, order.total.currency}), format_money(order.total),
            format_money(amount)));
    }
    const std::int64_t refunded = order.refunded_minor + amount.minor_units;
    SQLite::Statement update(db_.sql(), "UPDATE orders SET refunded_minor = ? WHERE id = ?");
    update.bind(1, static_cast<int64_t>(refunded));
    update.bind(2, static_cast<int64_t>(id));
    update.exec();
    if (order.customer_id) recount_order_facts(db_, *order.customer_id);
    log_.append(
        events::OrderRefunded{id, order.customer_id.value_or(0), to_unix(when), amount.minor_units,
                              refunded, order.total.minor_units, order.total.currency},
        when);
    tx.commit();
}

Order SqliteOrderStore::read(SQLite::Statement& row) const {
    Order order;
    order.id = row.getColumn(0).getInt64();
    if (!row.getColumn(1).isNull()) order.customer_id = row.getColumn(1).getInt64();
    order.external_id = row.getColumn(2).isNull() ? "" : row.getColumn(2).getString();
    order.at = from_unix(row.getColumn(3).getInt64());
    order.total = Money{row.getColumn(4).getInt64(), row.getColumn(5).getString()};
    order.cancelled = row.getColumn(6).getInt() != 0;
    order.refunded_minor = row.getColumn(7).getInt64();
    SQLite::Statement lines(
        db_.sql(),
        "SELECT sku, description, quantity, unit_price_minor, category FROM order_lines "
        "WHERE order_id = ? ORDER BY position");
    lines.bind(1, static_cast<int64_t>(order.id));
    while (lines.executeStep()) {
        order.lines.push_back({lines.getColumn(0).getString(), lines.getColumn(1).getString(),
                               lines.getColumn(2).getInt64(), lines.getColumn(3).getInt64(),
                               lines.getColumn(4).getString()});
    }
    return order;
}

Order SqliteOrderStore::get(OrderId id) const {
    SQLite::Statement query(db_.sql(), std::string(kColumns) + " WHERE id = ?");
    query.bind(1, static_cast<int64_t>(id));
    if (!query.executeStep()) throw NotFound(fmt::format("there is no order #{}", id));
    return read(query);
}

std::optional<Order> SqliteOrderStore::find_by_external_id(std::string_view external_id) const {
    SQLite::Statement query(db_.sql(), std::string(kColumns) + " WHERE external_id = ?");
    query.bind(1, std::string(external_id));
    if (!query.executeStep()) return std::nullopt;
    return read(query);
}

std::vector<Order> SqliteOrderStore::list(std::optional<CustomerId> customer,
                                          std::size_t limit) const {
    SQLite::Statement query(
        db_.sql(), std::string(kColumns) +
                       " WHERE ?1 IS NULL OR customer_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2");
    if (customer) query.bind(1, static_cast<int64_t>(*customer));
    query.bind(2, static_cast<int64_t>(limit));
    std::vector<Order> orders;
    while (query.executeStep()) orders.push_back(read(query));
    return orders;
}

}  // namespace moshtari::sqlite
