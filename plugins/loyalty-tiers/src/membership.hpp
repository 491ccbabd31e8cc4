#pragma once
// Reading back what evaluations recorded: a customer's standings and history, and how many
// customers hold each tier.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/time.hpp"
#include "standing.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::tiers {

struct Member {
    std::string programme{};
    Standing standing{};
    std::int64_t qualifying = 0;
    Timestamp evaluated_at{};
};

struct HistoryEntry {
    std::int64_t id = 0;
    std::string programme{};
    std::string from{};
    std::string to{};
    Timestamp at{};
    std::string reason{};
    std::int64_t qualifying = 0;
};

// The customer's standing in `programme`, if they were ever evaluated in it.
std::optional<Member> find_member(Database& db, std::string_view programme, CustomerId customer);
// The customer's standings in every programme.
std::vector<Member> members_of(Database& db, CustomerId customer);
// The customer's changes of tier, oldest first; every programme's when `programme` is empty.
std::vector<HistoryEntry> history_of(Database& db, CustomerId customer,
                                     std::string_view programme = {});
// As `tiers show --json` and the personal data export print them.
nlohmann::json to_json(const HistoryEntry& entry);
// The time as text, or null.
nlohmann::json optional_time(const std::optional<Timestamp>& t);

// How many customers hold each tier of the programme ('' for those who reach none).
std::map<std::string, std::int64_t> tier_sizes(Database& db, std::string_view programme);

}  // namespace moshtari::tiers
