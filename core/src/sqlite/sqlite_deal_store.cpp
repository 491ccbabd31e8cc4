#include "sqlite/sqlite_deal_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "moshtari/customer_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/deal_rules.hpp"
#include "moshtari/error.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "sqlite/statement_binding.hpp"

namespace moshtari::sqlite {

const char* const kDealColumns =
    "SELECT id, customer_id, title, pipeline_id, stage_id, value_minor, currency, owner, "
    "expected_close, created_at, external_id "
    "FROM deals";

Deal read_deal(SQLite::Database& sql, SQLite::Statement& row) {
    Deal deal;
    deal.id = row.getColumn(0).getInt64();
    deal.customer_id = row.getColumn(1).getInt64();
    deal.title = row.getColumn(2).getString();
    deal.pipeline_id = row.getColumn(3).getString();
    deal.stage_id = row.getColumn(4).getString();
    deal.value = Money{row.getColumn(5).getInt64(), row.getColumn(6).getString()};
    deal.owner = row.getColumn(7).getString();
    if (!row.getColumn(8).isNull()) deal.expected_close = parse_date(row.getColumn(8).getString());
    deal.created_at = from_unix(row.getColumn(9).getInt64());
    if (!row.getColumn(10).isNull()) deal.external_id = row.getColumn(10).getString();
    SQLite::Statement history(
        sql,
        "SELECT from_stage, to_stage, at, by FROM deal_stage_history WHERE deal_id = ? "
        "ORDER BY position");
    history.bind(1, static_cast<int64_t>(deal.id));
    while (history.executeStep()) {
        deal.history.push_back({history.getColumn(0).getString(), history.getColumn(1).getString(),
                                from_unix(history.getColumn(2).getInt64()),
                                history.getColumn(3).getString()});
    }
    return deal;
}

void append_stage_change(SQLite::Database& sql, DealId id, const StageChange& change) {
    SQLite::Statement insert(
        sql,
        "INSERT INTO deal_stage_history SELECT ?1, COALESCE(MAX(position) + 1, 0), ?2, ?3, ?4, ?5 "
        "FROM deal_stage_history WHERE deal_id = ?1");
    insert.bind(1, static_cast<int64_t>(id));
    insert.bind(2, change.from_stage);
    insert.bind(3, change.to_stage);
    insert.bind(4, static_cast<int64_t>(to_unix(change.at)));
    insert.bind(5, change.by);
    insert.exec();
}

DealId SqliteDealStore::create(const Deal& input) {
    const std::string stage = check_new_deal(pipelines_, input);
    const auto at = or_now(input.created_at);
    Transaction tx(db_);
    customers_.get(input.customer_id);
    if (!input.external_id.empty()) {
        if (const auto taken = find_by_external_id(input.external_id)) {
            throw UserError(fmt::format("deal #{} already has the external id '{}'", taken->id,
                                        input.external_id));
        }
    }
    SQLite::Statement insert(
        db_.sql(),
        "INSERT INTO deals (customer_id, title, pipeline_id, stage_id, value_minor, currency, "
        "owner, expected_close, created_at, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<int64_t>(input.customer_id));
    insert.bind(2, input.title);
    insert.bind(3, input.pipeline_id);
    insert.bind(4, stage);
    insert.bind(5, static_cast<int64_t>(input.value.minor_units));
    insert.bind(6, input.value.currency);
    insert.bind(7, input.owner);
    if (input.expected_close) {
        insert.bind(8, format_date(*input.expected_close));
    } else {
        insert.bind(8);
    }
    insert.bind(9, static_cast<int64_t>(to_unix(at)));
    bind_text_or_null(insert, 10, input.external_id);
    insert.exec();
    const DealId id = db_.sql().getLastInsertRowid();
    append_stage_change(db_.sql(), id, StageChange{"", stage, at, input.owner});
    log_.append(events::DealCreated{id, input.customer_id, input.pipeline_id, stage}, at);
    tx.commit();
    return id;
}

void SqliteDealStore::move(DealId id, std::string_view to_stage, std::string_view by,
                           Timestamp at) {
    Transaction tx(db_);
    const Deal deal = get(id);
    const Pipeline& p = pipeline_or_throw(pipelines_, deal.pipeline_id);
    check_move(p, deal, to_stage);
    const Stage* target = p.find_stage(to_stage);
    SQLite::Statement update(db_.sql(), "UPDATE deals SET stage_id = ? WHERE id = ?");
    update.bind(1, std::string(to_stage));
    update.bind(2, static_cast<int64_t>(id));
    update.exec();
    append_stage_change(db_.sql(), id,
                        StageChange{deal.stage_id, std::string(to_stage), at, std::string(by)});
    log_.append(events::DealStageChanged{id, deal.customer_id, p.id, deal.stage_id,
                                         std::string(to_stage), target->won, target->lost},
                at);
    tx.commit();
}

Deal SqliteDealStore::get(DealId id) const {
    SQLite::Statement query(db_.sql(), std::string(kDealColumns) + " WHERE id = ?");
    query.bind(1, static_cast<int64_t>(id));
    if (!query.executeStep()) throw NotFound(fmt::format("there is no deal #{}", id));
    return read_deal(db_.sql(), query);
}

std::optional<Deal> SqliteDealStore::find_by_external_id(std::string_view external_id) const {
    SQLite::Statement query(db_.sql(), std::string(kDealColumns) + " WHERE external_id = ?");
    query.bind(1, std::string(external_id));
    if (!query.executeStep()) return std::nullopt;
    return read_deal(db_.sql(), query);
}

std::vector<Deal> SqliteDealStore::list(const DealQuery& q) const {
    SQLite::Statement query(
        db_.sql(), std::string(kDealColumns) +
                       " WHERE (?1 = '' OR pipeline_id = ?1) AND (?2 = '' OR stage_id = ?2)"
                       " AND (?3 = '' OR owner = ?3) ORDER BY id LIMIT ?4");
    query.bind(1, q.pipeline_id);
    query.bind(2, q.stage_id);
    query.bind(3, q.owner);
    query.bind(4, static_cast<int64_t>(q.limit));
    std::vector<Deal> deals;
    while (query.executeStep()) deals.push_back(read_deal(db_.sql(), query));
    return deals;
}

}  // namespace moshtari::sqlite
