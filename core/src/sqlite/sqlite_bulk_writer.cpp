#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "moshtari/bulk_writer.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "sqlite/order_facts.hpp"
#include "sqlite/sqlite_customer_store.hpp"
#include "sqlite/sqlite_order_store.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {

// A statement used once per row: reset first, because the previous use may have thrown before its
// own reset.
SQLite::Statement& ready(SQLite::Statement& statement) {
    statement.tryReset();
    return statement;
}

void run(SQLite::Statement& statement) {
    statement.exec();
    statement.tryReset();
}

// A UNIQUE constraint is the store's last word on a key already taken: turned into a sentence
// about the record rather than SQLite's table and column names.
[[noreturn]] void rethrow_constraint(const SQLite::Exception& error, std::string_view what) {
    if ((error.getExtendedErrorCode() & 0xff) != SQLITE_CONSTRAINT) throw;
    const std::string_view message = error.what();
    if (message.find("customer_contacts") != std::string_view::npos) {
        throw UserError(
            fmt::format("{}: a contact point already belongs to another customer", what));
    }
    if (message.find("external_id") != std::string_view::npos) {
        throw UserError(fmt::format("{}: the external id already belongs to another record", what));
    }
    throw UserError(fmt::format("{}: {}", what, message));
}

class SqliteBulkWriter final : public BulkWriter {
  public:
    SqliteBulkWriter(Database& db, int page_cache_mib)
        : db_(db),
          sql_(db.sql()),
          savepoint_(sql_, "SAVEPOINT moshtari_bulk_record"),
          release_(sql_, "RELEASE moshtari_bulk_record"),
          rollback_(sql_, "ROLLBACK TO moshtari_bulk_record"),
          insert_customer_(sql_,
                           "INSERT INTO customers (kind, name, given_name, family_name, language, "
                           "time_zone, birthday, external_id, created_at, updated_at) VALUES (?1, "
                           "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"),
          update_customer_(sql_,
                           "UPDATE customers SET kind = ?1, name = ?2, given_name = ?3, "
                           "family_name = ?4, language = ?5, time_zone = ?6, birthday = ?7, "
                           "external_id = ?8, updated_at = ?9 WHERE id = ?10"),
          delete_customer_(sql_, "DELETE FROM customers WHERE id = ?"),
          clear_contacts_(sql_, "DELETE FROM customer_contacts WHERE customer_id = ?"),
          clear_tags_(sql_, "DELETE FROM customer_tags WHERE customer_id = ?"),
          clear_attributes_(sql_, "DELETE FROM customer_attributes WHERE customer_id = ?"),
          insert_contact_(sql_, "INSERT INTO customer_contacts VALUES (?, ?, ?, ?, ?, ?)"),
          insert_tag_(sql_, "INSERT INTO customer_tags VALUES (?, ?)"),
          insert_attribute_(sql_, "INSERT INTO customer_attributes VALUES (?, ?, ?, ?)"),
          insert_order_(sql_,
                        "INSERT INTO orders (customer_id, external_id, at, total_minor, currency, "
                        "cancelled) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                        "ON CONFLICT (external_id) DO NOTHING"),
          delete_order_(sql_, "DELETE FROM orders WHERE id = ?"),
          update_order_(sql_,
                        "UPDATE orders SET customer_id = ?1, external_id = ?2, at = ?3, "
                        "total_minor = ?4, currency = ?5, cancelled = ?6 WHERE id = ?7"),
          clear_lines_(sql_, "DELETE FROM order_lines WHERE order_id = ?"),
          insert_line_(sql_,
                       "INSERT INTO order_lines (order_id, position, sku, description, quantity, "
                       "unit_price_minor, category) VALUES (?, ?, ?, ?, ?, ?, ?)") {
        // Each record's savepoint journals into a temporary file by default: thousands of small
        // writes per batch, which halved the import rate. In memory, the journal lives for one
        // record.
        sql_.exec("PRAGMA temp_store = MEMORY");
        // The default 2 MB cache re-reads index pages for every random key a batch inserts.
        saved_cache_size_ = sql_.execAndGet("PRAGMA cache_size").getInt();
        sql_.exec(fmt::format("PRAGMA cache_size = {}", -1024 * page_cache_mib));
        // The default checkpoint every 1000 pages (4 MB) copied the same index pages back into the
        // database file, with an fsync each time, a few times per batch: half the time of an
        // order import. A 100,000-row batch of random index inserts dirties tens of thousands of
        // pages, so the WAL may grow to 250,000 pages (1 GB) before a checkpoint: 10,000,000
        // orders took 111 s with 80 MB, 82 s with 400 MB, 75 s with 1 GB. The WAL still commits
        // each batch atomically, and the last connection's close checkpoints it.
        saved_autocheckpoint_ = sql_.execAndGet("PRAGMA wal_autocheckpoint").getInt();
        sql_.exec("PRAGMA wal_autocheckpoint = 250000");
    }

    ~SqliteBulkWriter() override {
        // The connection outlives the writer and serves other commands.
        try {
            sql_.exec(fmt::format("PRAGMA cache_size = {}", saved_cache_size_));
            sql_.exec(fmt::format("PRAGMA wal_autocheckpoint = {}", saved_autocheckpoint_));
        } catch (const SQLite::Exception&) {
            // Only speed depends on them: a connection that cannot take them back stays correct.
        }
    }

    SqliteBulkWriter(const SqliteBulkWriter&) = delete;
    SqliteBulkWriter& operator=(const SqliteBulkWriter&) = delete;

    CustomerId add_customer(const Customer& input) override {
        const Customer c = normalised(input);
        bind_customer(insert_customer_, c);
        return *create(
            insert_customer_, [] { return std::string("customer"); },
            [&](CustomerId id) { write_customer_details(id, c, false); },
            [&](CustomerId id) {
                clear_customer_details(id);
                clear(delete_customer_, id);
            });
    }

    void replace_customer(const Customer& input) override {
        const Customer c = normalised(input);
        atomically(fmt::format("customer #{}", c.id), [&] {
            bind_customer(update_customer_, c);
            update_customer_.bind(10, static_cast<int64_t>(c.id));
            run(update_customer_);
            write_customer_details(c.id, c, true);
            return 0;
        });
    }

    std::optional<OrderId> add_order(const Order& order) override {
        check_order(order);
        bind_order(insert_order_, order);
        return create(
            insert_order_, [&] { return fmt::format("order '{}'", order.external_id); },
            [&](OrderId id) { write_lines(id, order, false); },
            [&](OrderId id) {
                clear(clear_lines_, id);
                clear(delete_order_, id);
            });
    }

    void replace_order(const Order& order) override {
        check_order(order);
        atomically(fmt::format("order #{}", order.id), [&] {
            SQLite::Statement owner(sql_, "SELECT customer_id FROM orders WHERE id = ?");
            owner.bind(1, static_cast<int64_t>(order.id));
            // 0: the order had no customer (ids start at 1). A plain id, not an optional: g++ 12
            // at -O3 takes the optional's payload for uninitialized (-Wmaybe-uninitialized).
            CustomerId before = 0;
            if (owner.executeStep() && !owner.getColumn(0).isNull())
                before = owner.getColumn(0).getInt64();
            bind_order(update_order_, order);
            update_order_.bind(7, static_cast<int64_t>(order.id));
            run(update_order_);
            write_lines(order.id, order, true);
            // Rare next to new orders, so counted at once rather than by the next catch-up.
            if (before != 0) recount_order_facts(db_, before);
            if (order.customer_id && *order.customer_id != before)
                recount_order_facts(db_, *order.customer_id);
            return 0;
        });
    }

  private:
    // A new record without a savepoint, which would copy every page the record touches into a
    // journal: the insert of its main row is atomic on its own (and writes nothing when the
    // statement's ON CONFLICT says so: then there is no id), and when a later statement of the
    // record fails, deleting the main row and what was written under it leaves the batch as it
    // was before the record.
    template <class Describe, class Children, class Undo>
    std::optional<std::int64_t> create(SQLite::Statement& insert, Describe describe,
                                       Children write_children, Undo undo) {
        int inserted = 0;
        try {
            inserted = insert.exec();
            insert.tryReset();
        } catch (const SQLite::Exception& error) {
            rethrow_constraint(error, describe());
        }
        if (inserted == 0) return std::nullopt;
        const std::int64_t id = sql_.getLastInsertRowid();
        try {
            write_children(id);
        } catch (...) {
            // After an I/O error SQLite may have rolled the whole transaction back already;
            // then there is nothing left to undo, and the error ends the import.
            if (sqlite3_get_autocommit(sql_.getHandle()) == 0) undo(id);
            try {
                throw;
            } catch (const SQLite::Exception& error) {
                rethrow_constraint(error, describe());
            }
        }
        return id;
    }

    // A savepoint per record, so a record refused half-way leaves nothing behind and the batch
    // around it goes on.
    template <class Write>
    std::int64_t atomically(std::string_view what, Write write) {
        run(ready(savepoint_));
        try {
            const std::int64_t result = write();
            run(ready(release_));
            return result;
        } catch (...) {
            run(ready(rollback_));
            run(ready(release_));
            try {
                throw;
            } catch (const SQLite::Exception& error) {
                rethrow_constraint(error, what);
            }
        }
    }

    static void bind_customer(SQLite::Statement& statement, const Customer& c) {
        ready(statement);
        bind_profile(statement, c);
        bind_text_or_null(statement, 8, c.external_id);
        const Timestamp at = or_now(c.created_at);
        statement.bind(9, static_cast<int64_t>(to_unix(at)));
    }

    void clear(SQLite::Statement& statement, std::int64_t id) {
        ready(statement).bind(1, static_cast<int64_t>(id));
        run(statement);
    }

    void clear_customer_details(CustomerId id) {
        clear(clear_contacts_, id);
        clear(clear_tags_, id);
        clear(clear_attributes_, id);
    }

    void write_customer_details(CustomerId id, const Customer& c, bool replacing) {
        if (replacing) clear_customer_details(id);
        int position = 0;
        for (const auto& point : c.contacts) {
            ready(insert_contact_).bind(1, static_cast<int64_t>(id));
            insert_contact_.bind(2, position++);
            insert_contact_.bind(3, to_string(point.kind));
            insert_contact_.bind(4, point.value);
            insert_contact_.bind(5, point.label);
            insert_contact_.bind(6, point.primary ? 1 : 0);
            run(insert_contact_);
        }
        for (const auto& tag : c.tags) {
            ready(insert_tag_).bind(1, static_cast<int64_t>(id));
            insert_tag_.bind(2, tag);
            run(insert_tag_);
        }
        for (const auto& [name, value] : c.attributes) {
            ready(insert_attribute_).bind(1, static_cast<int64_t>(id));
            insert_attribute_.bind(2, name);
            insert_attribute_.bind(3, attribute_type_name(value));
            bind_attribute(insert_attribute_, 4, value);
            run(insert_attribute_);
        }
    }

    static void bind_order(SQLite::Statement& statement, const Order& order) {
        ready(statement);
        bind_id_or_null(statement, 1, order.customer_id);
        bind_text_or_null(statement, 2, order.external_id);
        const Timestamp at = or_now(order.at);
        statement.bind(3, static_cast<int64_t>(to_unix(at)));
        statement.bind(4, static_cast<int64_t>(order.total.minor_units));
        statement.bind(5, order.total.currency);
        statement.bind(6, order.cancelled ? 1 : 0);
    }

    void write_lines(OrderId id, const Order& order, bool replacing) {
        if (replacing) clear(clear_lines_, id);
        int position = 0;
        for (const auto& line : order.lines) {
            ready(insert_line_).bind(1, static_cast<int64_t>(id));
            insert_line_.bind(2, position++);
            insert_line_.bind(3, line.sku);
            insert_line_.bind(4, line.description);
            insert_line_.bind(5, static_cast<int64_t>(line.quantity));
            insert_line_.bind(6, static_cast<int64_t>(line.unit_price_minor));
            insert_line_.bind(7, line.category);
            run(insert_line_);
        }
    }

    Database& db_;
    SQLite::Database& sql_;
    int saved_cache_size_ = 0;
    int saved_autocheckpoint_ = 0;
    SQLite::Statement savepoint_, release_, rollback_;
    SQLite::Statement insert_customer_, update_customer_, delete_customer_;
    SQLite::Statement clear_contacts_, clear_tags_, clear_attributes_;
    SQLite::Statement insert_contact_, insert_tag_, insert_attribute_;
    SQLite::Statement insert_order_, delete_order_, update_order_, clear_lines_, insert_line_;
};

}  // namespace

}  // namespace moshtari::sqlite

std::unique_ptr<moshtari::BulkWriter> moshtari::make_bulk_writer(Database& db, int page_cache_mib) {
    return std::make_unique<sqlite::SqliteBulkWriter>(db, page_cache_mib);
}
