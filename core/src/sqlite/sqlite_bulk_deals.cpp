#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/bulk_deals.hpp"
#include "moshtari/database.hpp"
#include "moshtari/deal_rules.hpp"
#include "moshtari/error.hpp"
#include "moshtari/money.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/sqlite_deal_store.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

namespace {

class SqliteBulkDeals final : public BulkDeals {
  public:
    SqliteBulkDeals(Database& db, const std::vector<Pipeline>& pipelines)
        : db_(db),
          pipelines_(pipelines),
          by_id_(db.sql(), std::string(kDealColumns) + " WHERE id = ?"),
          by_external_id_(db.sql(), std::string(kDealColumns) + " WHERE external_id = ?"),
          titled_(db.sql(), std::string(kDealColumns) +
                                " WHERE customer_id = ?1 AND pipeline_id = ?2 AND title = ?3 "
                                "ORDER BY id"),
          customer_exists_(db.sql(), "SELECT 1 FROM customers WHERE id = ?"),
          insert_(db.sql(),
                  "INSERT INTO deals (customer_id, title, value_minor, currency, owner, "
                  "expected_close, created_at, external_id, pipeline_id, stage_id) VALUES (?1, "
                  "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
          update_(db.sql(),
                  "UPDATE deals SET customer_id = ?1, title = ?2, value_minor = ?3, currency = ?4, "
                  "owner = ?5, expected_close = ?6, created_at = ?7, external_id = ?8, "
                  "stage_id = ?10 WHERE id = ?9") {}

    std::optional<Deal> find(std::string_view external_id) override {
        by_external_id_.tryReset();
        by_external_id_.bind(1, std::string(external_id));
        if (!by_external_id_.executeStep()) return std::nullopt;
        return read_deal(db_.sql(), by_external_id_);
    }

    std::vector<Deal> find_titled(CustomerId customer, std::string_view pipeline_id,
                                  std::string_view title) override {
        titled_.tryReset();
        titled_.bind(1, static_cast<int64_t>(customer));
        titled_.bind(2, std::string(pipeline_id));
        titled_.bind(3, std::string(title));
        std::vector<Deal> deals;
        while (titled_.executeStep()) deals.push_back(read_deal(db_.sql(), titled_));
        return deals;
    }

    DealId add(const Deal& deal) override {
        const std::string stage = check_new_deal(pipelines_, deal);
        const Timestamp created = or_now(deal.created_at);
        Transaction tx(db_);
        check_keys(deal);
        bind(insert_, deal, created);
        insert_.bind(9, deal.pipeline_id);
        insert_.bind(10, stage);
        run(insert_);
        const DealId id = db_.sql().getLastInsertRowid();
        append_stage_change(db_.sql(), id, StageChange{"", stage, created, deal.owner});
        tx.commit();
        return id;
    }

    void replace(const Deal& deal, Timestamp at, std::string_view by) override {
        Transaction tx(db_);
        by_id_.tryReset();
        by_id_.bind(1, static_cast<int64_t>(deal.id));
        if (!by_id_.executeStep()) throw NotFound(fmt::format("there is no deal #{}", deal.id));
        const Deal stored = read_deal(db_.sql(), by_id_);
        by_id_.tryReset();
        if (deal.pipeline_id != stored.pipeline_id) {
            throw UserError(
                fmt::format("deal #{} is in pipeline '{}', not '{}'; a deal never changes pipeline",
                            stored.id, stored.pipeline_id, deal.pipeline_id));
        }
        if (deal.title.empty()) throw UserError("a deal needs a title");
        minor_unit_digits(deal.value.currency);
        check_keys(deal);
        const bool moves = deal.stage_id != stored.stage_id;
        if (moves)
            check_move(pipeline_or_throw(pipelines_, stored.pipeline_id), stored, deal.stage_id);
        bind(update_, deal, or_now(deal.created_at));
        update_.bind(9, static_cast<int64_t>(deal.id));
        update_.bind(10, deal.stage_id);
        run(update_);
        if (moves) {
            append_stage_change(db_.sql(), deal.id,
                                StageChange{stored.stage_id, deal.stage_id, at, std::string(by)});
        }
        tx.commit();
    }

    void each(const std::function<void(const Deal&)>& visit) override {
        SQLite::Statement all(db_.sql(), std::string(kDealColumns) + " ORDER BY id");
        while (all.executeStep()) visit(read_deal(db_.sql(), all));
    }

  private:
    // The customer exists and no other deal has the external id, said as DealStore says it.
    void check_keys(const Deal& deal) {
        customer_exists_.tryReset();
        customer_exists_.bind(1, static_cast<int64_t>(deal.customer_id));
        if (!customer_exists_.executeStep())
            throw NotFound(fmt::format("there is no customer #{}", deal.customer_id));
        if (deal.external_id.empty()) return;
        if (const auto taken = find(deal.external_id); taken && taken->id != deal.id) {
            throw UserError(fmt::format("deal #{} already has the external id '{}'", taken->id,
                                        deal.external_id));
        }
    }

    // Reset first: the statement's last use may have thrown before its own reset.
    static void bind(SQLite::Statement& statement, const Deal& deal, Timestamp created) {
        statement.tryReset();
        statement.bind(1, static_cast<int64_t>(deal.customer_id));
        statement.bind(2, deal.title);
        statement.bind(3, static_cast<int64_t>(deal.value.minor_units));
        statement.bind(4, deal.value.currency);
        statement.bind(5, deal.owner);
        if (deal.expected_close) {
            statement.bind(6, format_date(*deal.expected_close));
        } else {
            statement.bind(6);
        }
        statement.bind(7, static_cast<int64_t>(to_unix(created)));
        bind_text_or_null(statement, 8, deal.external_id);
    }

    static void run(SQLite::Statement& statement) {
        statement.exec();
        statement.tryReset();
    }

    Database& db_;
    const std::vector<Pipeline>& pipelines_;
    SQLite::Statement by_id_, by_external_id_, titled_, customer_exists_, insert_, update_;
};

}  // namespace

}  // namespace moshtari::sqlite

std::unique_ptr<moshtari::BulkDeals> moshtari::make_bulk_deals(
    Database& db, const std::vector<Pipeline>& pipelines) {
    return std::make_unique<sqlite::SqliteBulkDeals>(db, pipelines);
}
