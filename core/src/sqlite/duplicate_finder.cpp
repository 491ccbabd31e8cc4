#include "sqlite/duplicate_finder.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "model/match_keys.hpp"

namespace moshtari::sqlite {

namespace {

// How much one rule alone says two records are the same customer. A shared email is near proof, a
// shared phone a little less (households share landlines), a similar name in one city a hint.
constexpr double kEmailScore = 0.9;
constexpr double kPhoneScore = 0.8;
constexpr double kNameScore = 0.75;
constexpr double kMinNameSimilarity = 0.8;
// How many following names, in name order within a block, each name is compared with.
constexpr std::size_t kNameWindow = 10;

using Pair = std::pair<CustomerId, CustomerId>;

// Every rule's evidence for each pair; independent rules combine as 1 - product(1 - score).
class Evidence {
  public:
    void add(CustomerId x, CustomerId y, double score, std::string reason) {
        auto& pair = pairs_[{std::min(x, y), std::max(x, y)}];
        pair.a = std::min(x, y);
        pair.b = std::max(x, y);
        pair.score = 1 - (1 - pair.score) * (1 - score);
        if (std::find(pair.reasons.begin(), pair.reasons.end(), reason) == pair.reasons.end())
            pair.reasons.push_back(std::move(reason));
    }

    std::vector<DuplicatePair> best(std::size_t limit) const {
        std::vector<DuplicatePair> result;
        for (const auto& [key, pair] : pairs_) result.push_back(pair);
        std::sort(result.begin(), result.end(), [](const DuplicatePair& x, const DuplicatePair& y) {
            return std::tie(y.score, x.a, x.b) < std::tie(x.score, y.a, y.b);
        });
        if (result.size() > limit) result.resize(limit);
        return result;
    }

  private:
    std::map<Pair, DuplicatePair> pairs_;
};

void add_shared_contacts(SQLite::Database& sql, Evidence& evidence) {
    // (customer kind, contact kind, match key) -> holders, in id order.
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<CustomerId>> holders;
    SQLite::Statement query(sql,
                            "SELECT cc.customer_id, c.kind, cc.kind, cc.value FROM "
                            "customer_contacts cc JOIN customers c ON c.id = cc.customer_id "
                            "ORDER BY cc.customer_id");
    while (query.executeStep()) {
        const std::string contact_kind = query.getColumn(2).getString();
        const std::string value = query.getColumn(3).getString();
        const std::string key =
            contact_kind == "email" ? email_match_key(value) : phone_match_key(value);
        if (key.empty()) continue;
        auto& ids = holders[{query.getColumn(1).getString(), contact_kind, key}];
        const CustomerId id = query.getColumn(0).getInt64();
        if (ids.empty() || ids.back() != id) ids.push_back(id);
    }
    for (const auto& [group, ids] : holders) {
        const bool email = std::get<1>(group) == "email";
        for (std::size_t i = 1; i < ids.size(); ++i) {
            evidence.add(ids.front(), ids[i], email ? kEmailScore : kPhoneScore,
                         email ? "same email" : "same phone");
        }
    }
}

struct Named {
    std::string key;
    CustomerId id;
    std::string city;  // as written on this customer
};

void add_similar_names(SQLite::Database& sql, Evidence& evidence) {
    // (customer kind, city, name block) -> customers.
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<Named>> blocks;
    SQLite::Statement query(sql,
                            "SELECT c.id, c.kind, c.name, a.value FROM customers c JOIN "
                            "customer_attributes a ON a.customer_id = c.id "
                            "WHERE a.name = 'city' AND a.type = 'text'");
    while (query.executeStep()) {
        const std::string city = query.getColumn(3).getString();
        const std::string city_key = name_match_key(city);
        std::string key = name_match_key(query.getColumn(2).getString());
        if (city_key.empty() || key.empty()) continue;
        blocks[{query.getColumn(1).getString(), city_key, name_block_key(key)}].push_back(
            {std::move(key), query.getColumn(0).getInt64(), city});
    }
    for (auto& [block, names] : blocks) {
        std::sort(names.begin(), names.end(), [](const Named& x, const Named& y) {
            return std::tie(x.key, x.id) < std::tie(y.key, y.id);
        });
        for (std::size_t i = 0; i < names.size(); ++i) {
            for (std::size_t j = i + 1; j < names.size() && j <= i + kNameWindow; ++j) {
                const double similarity = name_similarity(names[i].key, names[j].key);
                if (similarity < kMinNameSimilarity) continue;
                evidence.add(names[i].id, names[j].id, kNameScore * similarity,
                             fmt::format("similar name in {}", names[i].city));
            }
        }
    }
}

}  // namespace

std::vector<DuplicatePair> find_duplicates(SQLite::Database& sql, std::size_t limit) {
    Evidence evidence;
    add_shared_contacts(sql, evidence);
    add_similar_names(sql, evidence);
    return evidence.best(limit);
}

}  // namespace moshtari::sqlite
