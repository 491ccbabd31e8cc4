#include "sqlite/customer_facts_view.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "moshtari/database.hpp"
#include "moshtari/transaction.hpp"

namespace moshtari::sqlite {

namespace {

std::string column_suffix(const std::string& method) {
    std::string suffix = method;
    for (auto& c : suffix) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return suffix;
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string view_sql(const std::vector<std::string>& methods) {
    std::string columns;
    std::string joins;
    for (std::size_t i = 0; i < methods.size(); ++i) {
        const auto suffix = column_suffix(methods[i]);
        columns += fmt::format(
            ",\n    s{0}.segment AS \"segment_{1}\", s{0}.score AS \"score_{1}\"", i, suffix);
        joins += fmt::format(
            "\nLEFT JOIN segment_memberships s{} ON s{}.method = {} AND s{}.customer_id = c.id", i,
            i, quoted(methods[i]), i);
    }
    return "CREATE VIEW customer_facts AS SELECT\n"
           "    c.id AS customer_id, c.kind, c.name, c.lifecycle_stage AS phase, c.created_at,\n"
           "    f.first_order_at, f.last_order_at, coalesce(f.orders, 0) AS orders,\n"
           "    coalesce(f.spend_minor, 0) AS spend_minor, m.currency AS currency" +
           columns +
           "\nFROM customers c CROSS JOIN customer_order_facts_mark m"
           "\nLEFT JOIN customer_order_facts f ON f.customer_id = c.id" +
           joins;
}

}  // namespace

void define_customer_facts_view(Database& db, std::vector<std::string> methods) {
    std::sort(methods.begin(), methods.end());
    methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
    const std::string wanted = view_sql(methods);
    SQLite::Statement defined(db.sql(),
                              "SELECT sql FROM sqlite_master WHERE type = 'view' AND "
                              "name = 'customer_facts'");
    if (defined.executeStep() && defined.getColumn(0).getString() == wanted) return;
    defined.reset();
    Transaction tx(db);
    db.sql().exec("DROP VIEW IF EXISTS customer_facts");
    db.sql().exec(wanted);
    tx.commit();
}

}  // namespace moshtari::sqlite
