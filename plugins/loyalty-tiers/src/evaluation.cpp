#include "evaluation.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "membership.hpp"

#include "moshtari/database.hpp"
#include "moshtari/event_log.hpp"
#include "moshtari/events.hpp"
#include "moshtari/transaction.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::tiers {

const char* to_string(Change change) {
    switch (change) {
        case Change::promoted:
            return "promoted";
        case Change::demoted:
            return "demoted";
        case Change::grace_started:
            return "grace";
    }
    return "promoted";
}

namespace {

nlohmann::json optional_unix(const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(to_unix(*t)) : nlohmann::json(nullptr);
}

std::optional<Outcome> outcome_of(const Programme& programme, const Candidate& candidate,
                                  const Standing& next) {
    const std::string from = candidate.standing ? candidate.standing->tier : std::string();
    Outcome outcome{candidate.customer,   from,           next.tier, Change::promoted,
                    candidate.qualifying, next.grace_ends};
    if (next.tier != from) {
        outcome.change = programme.rank_of(next.tier) > programme.rank_of(from) ? Change::promoted
                                                                                : Change::demoted;
        return outcome;
    }
    if (next.grace_ends && !candidate.standing->grace_ends) {
        outcome.change = Change::grace_started;
        return outcome;
    }
    return std::nullopt;
}

void write_standings(Database& db, const Programme& programme, Timestamp as_of,
                     const nlohmann::json& rows) {
    SQLite::Statement upsert(db.sql(), R"sql(
INSERT INTO loyalty_tiers_members (programme, customer_id, tier, since, qualifying, evaluated_at,
                                   grace_ends_at)
SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, ?2, value ->> 4
FROM json_each(?3) WHERE true
ON CONFLICT (programme, customer_id) DO UPDATE SET
    tier = excluded.tier, since = excluded.since, qualifying = excluded.qualifying,
    evaluated_at = excluded.evaluated_at, grace_ends_at = excluded.grace_ends_at
)sql");
    upsert.bind(1, programme.id);
    upsert.bind(2, static_cast<int64_t>(to_unix(as_of)));
    upsert.bind(3, rows.dump());
    upsert.exec();
}

void write_history(Database& db, const Programme& programme, Timestamp as_of,
                   std::string_view reason, const std::vector<Outcome>& outcomes) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& o : outcomes) {
        if (o.change != Change::grace_started)
            rows.push_back({o.customer, o.from, o.to, o.qualifying});
    }
    if (rows.empty()) return;
    SQLite::Statement insert(db.sql(), R"sql(
INSERT INTO loyalty_tiers_history (programme, customer_id, from_tier, to_tier, at, reason,
                                   qualifying)
SELECT ?1, value ->> 0, value ->> 1, value ->> 2, ?2, ?3, value ->> 3 FROM json_each(?4)
)sql");
    insert.bind(1, programme.id);
    insert.bind(2, static_cast<int64_t>(to_unix(as_of)));
    insert.bind(3, std::string(reason));
    insert.bind(4, rows.dump());
    insert.exec();
}

nlohmann::json benefits_of(const Programme& programme, const std::string& tier) {
    const int rank = programme.rank_of(tier);
    return rank < 0 ? nlohmann::json::object() : programme.tiers[rank].benefits.to_json();
}

void append_events(EventLog& log, const Programme& programme, Timestamp as_of,
                   std::string_view reason, const std::vector<Outcome>& outcomes) {
    for (const auto& o : outcomes) {
        if (o.change == Change::grace_started) continue;
        log.append(events::TierChanged{o.customer, programme.id, o.from, o.to,
                                       o.change == Change::promoted, std::string(reason),
                                       benefits_of(programme, o.to)},
                   as_of);
    }
}

}  // namespace

Evaluation evaluate(Workspace& workspace, const Programme& programme, Timestamp as_of,
                    const Scope& scope, std::string_view reason, bool dry_run) {
    Database& db = workspace.database();
    std::optional<Transaction> tx;  // a dry run takes no write lock
    if (!dry_run) tx.emplace(db);
    Evaluation result;
    nlohmann::json standings = nlohmann::json::array();
    for (const Candidate& candidate : candidates(db, programme, as_of, scope)) {
        if (candidate.standing && as_of < candidate.evaluated_at) {
            ++result.skipped;
            continue;
        }
        ++result.evaluated;
        const Standing next =
            next_standing(programme, candidate.standing, candidate.qualifying, as_of);
        // Someone who reaches no tier and never had one gets no row.
        if (!candidate.standing && next.tier.empty()) continue;
        standings.push_back({candidate.customer, next.tier, to_unix(next.since),
                             candidate.qualifying, optional_unix(next.grace_ends)});
        if (auto outcome = outcome_of(programme, candidate, next)) {
            result.outcomes.push_back(std::move(*outcome));
        }
    }
    if (dry_run) return result;
    write_standings(db, programme, as_of, standings);
    write_history(db, programme, as_of, reason, result.outcomes);
    append_events(workspace.event_log(), programme, as_of, reason, result.outcomes);
    tx->commit();
    return result;
}

Timestamp evaluation_time(Database& db, const Programme& programme, CustomerId customer,
                          Timestamp event_at) {
    const auto member = find_member(db, programme.id, customer);
    return member ? std::max(event_at, member->evaluated_at) : event_at;
}

}  // namespace moshtari::tiers
