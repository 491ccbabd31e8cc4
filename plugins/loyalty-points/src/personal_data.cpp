#include "personal_data.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <initializer_list>
#include <map>

#include "ledger.hpp"
#include "moshtari/config.hpp"
#include "moshtari/database.hpp"
#include "moshtari/workspace.hpp"

namespace moshtari::loyalty {

namespace {

nlohmann::json entry_json(const Entry& e) {
    nlohmann::json json{{"id", e.id},
                        {"kind", to_string(e.kind)},
                        {"cause", e.cause},
                        {"points", e.points},
                        {"at", format_time(e.at)},
                        {"rule", e.rule},
                        {"by", e.by},
                        {"note", e.note},
                        {"shortfall", e.shortfall}};
    json["order"] = e.order ? nlohmann::json(*e.order) : nlohmann::json(nullptr);
    json["expires_at"] = e.expires_at == Timestamp{} ? nlohmann::json(nullptr)
                                                     : nlohmann::json(format_time(e.expires_at));
    return json;
}

nlohmann::json export_ledger(Database& db, CustomerId customer) {
    std::map<std::string, nlohmann::json> programmes;
    for (const auto& entry : Ledger(db).entries_of(customer)) {
        auto& programme = programmes[entry.programme];
        if (programme.is_null()) programme = {{"balance", 0}, {"entries", nlohmann::json::array()}};
        programme["balance"] = programme["balance"].get<std::int64_t>() + entry.points;
        programme["entries"].push_back(entry_json(entry));
    }
    return nlohmann::json(programmes);
}

// Runs `sql` with the customer ids bound in order.
void execute(Database& db, const char* sql, std::initializer_list<CustomerId> ids) {
    SQLite::Statement statement(db.sql(), sql);
    int index = 0;
    for (const CustomerId id : ids) statement.bind(++index, static_cast<int64_t>(id));
    statement.exec();
}

}  // namespace

PersonalDataHandler personal_data_handler(Workspace& workspace) {
    return {"loyalty-points",
            [&workspace](CustomerId id) { return export_ledger(workspace.database(), id); },
            [&workspace](CustomerId id) {
                if (workspace.config().privacy().keep_orders) {
                    // The cause may hold a reference someone typed; the id keeps it unique.
                    execute(workspace.database(),
                            "UPDATE loyalty_points_ledger SET customer_id = NULL, by_user = '', "
                            "note = '', cause = 'erased:' || id WHERE customer_id = ?",
                            {id});
                } else {
                    execute(workspace.database(),
                            "DELETE FROM loyalty_points_ledger WHERE customer_id = ?", {id});
                }
            },
            [&workspace](CustomerId survivor, CustomerId merged) {
                execute(workspace.database(),
                        "UPDATE loyalty_points_ledger SET customer_id = ? WHERE customer_id = ?",
                        {survivor, merged});
            }};
}

}  // namespace moshtari::loyalty
