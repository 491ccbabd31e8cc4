#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "model/interaction_rules.hpp"
#include "moshtari/bulk_interactions.hpp"
#include "moshtari/database.hpp"
#include "moshtari/error.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/sqlite_interaction_store.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {

class SqliteBulkInteractions final : public BulkInteractions {
  public:
    explicit SqliteBulkInteractions(Database& db)
        : db_(db),
          by_external_id_(db.sql(), std::string(kInteractionColumns) + " WHERE external_id = ?"),
          same_(db.sql(), std::string(kInteractionColumns) +
                              " WHERE customer_id = ?1 AND at = ?2 AND channel = ?3 AND kind = ?4 "
                              "AND direction = ?5 AND text = ?6 ORDER BY id LIMIT 1"),
          customer_exists_(db.sql(), "SELECT 1 FROM customers WHERE id = ?"),
          insert_(db.sql(),
                  "INSERT INTO interactions (customer_id, channel, direction, kind, at, outcome, "
                  "text, external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
          update_(db.sql(),
                  "UPDATE interactions SET customer_id = ?1, channel = ?2, direction = ?3, "
                  "kind = ?4, at = ?5, outcome = ?6, text = ?7, external_id = ?8 WHERE id = ?9") {}

    std::optional<Interaction> find(std::string_view external_id) override {
        by_external_id_.tryReset();
        by_external_id_.bind(1, std::string(external_id));
        if (!by_external_id_.executeStep()) return std::nullopt;
        return read_interaction(by_external_id_);
    }

    std::optional<Interaction> find_same(const Interaction& i) override {
        same_.tryReset();
        same_.bind(1, static_cast<int64_t>(i.customer_id));
        same_.bind(2, static_cast<int64_t>(to_unix(i.at)));
        same_.bind(3, i.channel);
        same_.bind(4, i.kind);
        same_.bind(5, to_string(i.direction));
        same_.bind(6, i.text);
        if (!same_.executeStep()) return std::nullopt;
        return read_interaction(same_);
    }

    InteractionId add(const Interaction& i) override {
        Transaction tx(db_);
        check(i);
        bind(insert_, i);
        run(insert_);
        tx.commit();
        return db_.sql().getLastInsertRowid();
    }

    void replace(const Interaction& i) override {
        Transaction tx(db_);
        check(i);
        bind(update_, i);
        update_.bind(9, static_cast<int64_t>(i.id));
        run(update_);
        tx.commit();
    }

    void each(const std::function<void(const Interaction&)>& visit) override {
        SQLite::Statement all(db_.sql(), std::string(kInteractionColumns) + " ORDER BY id");
        while (all.executeStep()) visit(read_interaction(all));
    }

  private:
    // What InteractionStore::log refuses, said the same way.
    void check(const Interaction& i) {
        check_interaction(i);
        customer_exists_.tryReset();
        customer_exists_.bind(1, static_cast<int64_t>(i.customer_id));
        if (!customer_exists_.executeStep())
            throw NotFound(fmt::format("there is no customer #{}", i.customer_id));
        if (i.external_id.empty()) return;
        if (const auto taken = find(i.external_id); taken && taken->id != i.id) {
            throw UserError(fmt::format("interaction #{} already has the external id '{}'",
                                        taken->id, i.external_id));
        }
    }

    // Reset first: the statement's last use may have thrown before its own reset.
    static void bind(SQLite::Statement& statement, const Interaction& i) {
        statement.tryReset();
        statement.bind(1, static_cast<int64_t>(i.customer_id));
        statement.bind(2, i.channel);
        statement.bind(3, to_string(i.direction));
        statement.bind(4, i.kind);
        statement.bind(5, static_cast<int64_t>(to_unix(or_now(i.at))));
        statement.bind(6, i.outcome);
        statement.bind(7, i.text);
        bind_text_or_null(statement, 8, i.external_id);
    }

    static void run(SQLite::Statement& statement) {
        statement.exec();
        statement.tryReset();
    }

    Database& db_;
    SQLite::Statement by_external_id_, same_, customer_exists_, insert_, update_;
};

}  // namespace

}  // namespace moshtari::sqlite

std::unique_ptr<moshtari::BulkInteractions> moshtari::make_bulk_interactions(Database& db) {
    return std::make_unique<sqlite::SqliteBulkInteractions>(db);
}
