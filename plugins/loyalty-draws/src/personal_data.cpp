#include "personal_data.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "draw_store.hpp"
#include "moshtari/database.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::draws {

namespace {

nlohmann::json export_data(Database& db, CustomerId customer) {
    const DrawStore store(db);
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : store.entries_of(customer)) {
        entries.push_back({{"draw", e.draw},
                           {"entry", e.id},
                           {"source", e.source},
                           {"entries", e.count},
                           {"at", format_time(e.at)},
                           {"reason", e.reason}});
    }
    nlohmann::json picks = nlohmann::json::array();
    for (const auto& [draw, p] : store.picks_of(customer)) {
        picks.push_back({{"draw", draw},
                         {"position", p.position},
                         {"entry", p.entry},
                         {"winner", p.winner},
                         {"rank", p.rank},
                         {"prize", p.prize},
                         {"excluded_because", p.reason}});
    }
    return {{"entries", entries}, {"drawn", picks}};
}

void run(Database& db, const char* sql, CustomerId first, CustomerId second = 0) {
    SQLite::Statement statement(db.sql(), sql);
    statement.bind(1, static_cast<int64_t>(first));
    if (second != 0) statement.bind(2, static_cast<int64_t>(second));
    statement.exec();
}

void erase(Database& db, CustomerId customer) {
    run(db,
        "DELETE FROM loyalty_draws_entries WHERE customer_id = ?1 AND draw_id IN (SELECT id FROM "
        "loyalty_draws_draws WHERE status = 'open')",
        customer);
    // The reason may be free text about the person; the count and source stay in the list.
    run(db,
        "UPDATE loyalty_draws_entries SET customer_id = NULL, reason = '' WHERE customer_id = ?1",
        customer);
    run(db, "UPDATE loyalty_draws_picks SET customer_id = NULL WHERE customer_id = ?1", customer);
}

}  // namespace

PersonalDataHandler personal_data_handler(Workspace& workspace) {
    return {"loyalty-draws",
            [&workspace](CustomerId id) { return export_data(workspace.database(), id); },
            [&workspace](CustomerId id) { erase(workspace.database(), id); },
            [&workspace](CustomerId survivor, CustomerId merged) {
                // Entries of both count for the survivor; in a committed list they stay under
                // their listed numbers, and the run lets the survivor win once.
                for (const char* sql :
                     {"UPDATE loyalty_draws_entries SET customer_id = ?1 WHERE customer_id = ?2",
                      "UPDATE loyalty_draws_picks SET customer_id = ?1 WHERE customer_id = ?2"}) {
                    run(workspace.database(), sql, survivor, merged);
                }
            }};
}

}  // namespace moshtari::draws
