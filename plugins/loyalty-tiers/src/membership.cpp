#include "membership.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "moshtari/database.hpp"

namespace moshtari::tiers {

namespace {

std::vector<Member> select_members(Database& db, const char* where, CustomerId customer,
                                   std::string_view programme) {
    SQLite::Statement query(
        db.sql(), std::string("SELECT programme, tier, since, grace_ends_at, qualifying, "
                              "evaluated_at FROM loyalty_tiers_members WHERE customer_id = ?1 ") +
                      where + " ORDER BY programme");
    query.bind(1, static_cast<int64_t>(customer));
    if (!programme.empty()) query.bind(2, std::string(programme));
    std::vector<Member> members;
    while (query.executeStep()) {
        Member m;
        m.programme = query.getColumn(0).getString();
        m.standing.tier = query.getColumn(1).getString();
        m.standing.since = from_unix(query.getColumn(2).getInt64());
        if (!query.getColumn(3).isNull()) {
            m.standing.grace_ends = from_unix(query.getColumn(3).getInt64());
        }
        m.qualifying = query.getColumn(4).getInt64();
        m.evaluated_at = from_unix(query.getColumn(5).getInt64());
        members.push_back(std::move(m));
    }
    return members;
}

}  // namespace

std::optional<Member> find_member(Database& db, std::string_view programme, CustomerId customer) {
    auto found = select_members(db, "AND programme = ?2", customer, programme);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<Member> members_of(Database& db, CustomerId customer) {
    return select_members(db, "", customer, {});
}

std::vector<HistoryEntry> history_of(Database& db, CustomerId customer,
                                     std::string_view programme) {
    SQLite::Statement query(
        db.sql(), std::string("SELECT id, programme, from_tier, to_tier, at, reason, qualifying "
                              "FROM loyalty_tiers_history WHERE customer_id = ?1") +
                      (programme.empty() ? "" : " AND programme = ?2") + " ORDER BY id");
    query.bind(1, static_cast<int64_t>(customer));
    if (!programme.empty()) query.bind(2, std::string(programme));
    std::vector<HistoryEntry> entries;
    while (query.executeStep()) {
        entries.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                           query.getColumn(2).getString(), query.getColumn(3).getString(),
                           from_unix(query.getColumn(4).getInt64()), query.getColumn(5).getString(),
                           query.getColumn(6).getInt64()});
    }
    return entries;
}

std::map<std::string, std::int64_t> tier_sizes(Database& db, std::string_view programme) {
    SQLite::Statement query(db.sql(),
                            "SELECT tier, COUNT(*) FROM loyalty_tiers_members WHERE programme = ? "
                            "GROUP BY tier");
    query.bind(1, std::string(programme));
    std::map<std::string, std::int64_t> sizes;
    while (query.executeStep())
        sizes[query.getColumn(0).getString()] = query.getColumn(1).getInt64();
    return sizes;
}

nlohmann::json to_json(const HistoryEntry& entry) {
    return {{"at", format_time(entry.at)},
            {"from", entry.from},
            {"to", entry.to},
            {"reason", entry.reason},
            {"qualifying", entry.qualifying}};
}

nlohmann::json optional_time(const std::optional<Timestamp>& t) {
    return t ? nlohmann::json(format_time(*t)) : nlohmann::json(nullptr);
}

}  // namespace moshtari::tiers
