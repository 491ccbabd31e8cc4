#include "personal_data.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <initializer_list>

#include "evaluation.hpp"
#include "membership.hpp"
#include "moshtari/database.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::tiers {

namespace {

nlohmann::json export_tiers(Database& db, CustomerId customer) {
    nlohmann::json programmes = nlohmann::json::object();
    for (const auto& m : members_of(db, customer)) {
        programmes[m.programme] = {{"tier", m.standing.tier},
                                   {"since", format_time(m.standing.since)},
                                   {"qualifying", m.qualifying},
                                   {"evaluated_at", format_time(m.evaluated_at)},
                                   {"grace_ends_at", optional_time(m.standing.grace_ends)},
                                   {"history", nlohmann::json::array()}};
    }
    for (const auto& h : history_of(db, customer)) {
        programmes[h.programme]["history"].push_back(to_json(h));
    }
    return programmes;
}

// Runs `sql` with the customer ids bound in order.
void execute(Database& db, const char* sql, std::initializer_list<CustomerId> ids) {
    SQLite::Statement statement(db.sql(), sql);
    int index = 0;
    for (const CustomerId id : ids) statement.bind(++index, static_cast<int64_t>(id));
    statement.exec();
}

}  // namespace

PersonalDataHandler personal_data_handler(Workspace& workspace, const Settings& settings) {
    return {"loyalty-tiers",
            [&workspace](CustomerId id) { return export_tiers(workspace.database(), id); },
            [&workspace](CustomerId id) {
                execute(workspace.database(),
                        "DELETE FROM loyalty_tiers_members WHERE customer_id = ?", {id});
                execute(workspace.database(),
                        "DELETE FROM loyalty_tiers_history WHERE customer_id = ?", {id});
            },
            [&workspace, &settings](CustomerId survivor, CustomerId merged) {
                Database& db = workspace.database();
                execute(db,
                        "UPDATE loyalty_tiers_members SET customer_id = ?1 WHERE customer_id = ?2 "
                        "AND programme NOT IN (SELECT programme FROM loyalty_tiers_members "
                        "WHERE customer_id = ?1)",
                        {survivor, merged});
                execute(db, "DELETE FROM loyalty_tiers_members WHERE customer_id = ?", {merged});
                execute(db,
                        "UPDATE loyalty_tiers_history SET customer_id = ? WHERE customer_id = ?",
                        {survivor, merged});
                const std::string reason = fmt::format("merge:{}", merged);
                for (const auto& programme : settings.programmes) {
                    evaluate(workspace, programme, now(), Scope::of_customer(survivor), reason);
                }
            }};
}

}  // namespace moshtari::tiers
