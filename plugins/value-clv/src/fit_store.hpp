#pragma once
// The plugin's tables: every fit with its parameters, and each customer's value in each fit.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fit.hpp"
#include "moshtari/migration.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::value {

std::vector<Migration> migrations();

// What `show` and `top` need of a stored fit.
struct StoredFit {
    std::int64_t id = 0;
    std::string as_of{};
    nlohmann::json parameters{};
    std::int64_t customers = 0;
};

struct StoredValue {
    std::int64_t fit_id = 0;
    std::string as_of{};     // the fit's
    std::string currency{};  // the fit's
    std::string name{};      // the customer's
    CustomerValue value{};
};

// Every field, the CLV also as text ("123.45 USD"), as printed by `value show --json` and exported.
nlohmann::json to_json(const StoredValue& value);

class FitStore {
  public:
    explicit FitStore(Database& db) : db_(db) {}

    // Writes the fit and every value in one transaction; sets and returns fit.id.
    std::int64_t save(Fit& fit);

    std::optional<StoredFit> latest() const;
    // The customer's value in fit `fit_id`, if they were valued in it.
    std::optional<StoredValue> value_of(std::int64_t fit_id, CustomerId customer) const;
    // The `limit` highest values of fit `fit_id`, highest first.
    std::vector<StoredValue> top(std::int64_t fit_id, std::size_t limit) const;
    // Every value the customer has, fit by fit, for a personal data export.
    nlohmann::json personal_data(CustomerId customer) const;
    // Forgets the customer's values in every fit; the fits' parameters name nobody and stay.
    void erase(CustomerId customer);

  private:
    Database& db_;
};

}  // namespace moshtari::value
