// moshtari-bench-balance: looks up the loyalty balance of random customers in a filled database,
// in-process, and prints the median and 99th percentile of each lookup's time as one JSON line.
// Two lookups are timed: the balance alone (Ledger::balance, the sum of the ledger) and what
// `moshtari loyalty balance` reads in all (the balance, then the entries for what has lapsed).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "expiry.hpp"
#include "ledger.hpp"
#include "moshtari/database.hpp"

namespace {

using moshtari::CustomerId;
using moshtari::loyalty::Ledger;

std::vector<CustomerId> customer_ids(moshtari::Database& db) {
    SQLite::Statement query(db.sql(), "SELECT id FROM customers ORDER BY id");
    std::vector<CustomerId> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

// Microseconds each call of `lookup` took, one call per customer.
template <class Lookup>
std::vector<double> time_each(const std::vector<CustomerId>& customers, std::int64_t& checksum,
                              Lookup lookup) {
    std::vector<double> micros;
    micros.reserve(customers.size());
    for (const CustomerId customer : customers) {
        const auto start = std::chrono::steady_clock::now();
        checksum += lookup(customer);
        const auto end = std::chrono::steady_clock::now();
        micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    return micros;
}

double percentile(std::vector<double> values, double fraction) {
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                     values.end());
    return values[index];
}

nlohmann::json summary(const std::vector<double>& micros) {
    return {{"median_us", percentile(micros, 0.5)},
            {"p99_us", percentile(micros, 0.99)},
            {"max_us", *std::max_element(micros.begin(), micros.end())}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Times loyalty-points balance lookups for random customers."};
    std::string database;
    std::string programme;
    std::size_t lookups = 100'000;
    std::uint64_t seed = 20261124;
    app.add_option("--database", database, "the moshtari.db the benchmark filled")
        ->required()
        ->check(CLI::ExistingFile);
    app.add_option("--programme", programme, "the programme's id")->required();
    app.add_option("--lookups", lookups, "customers looked up, each timed")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--seed", seed, "the same seed looks up the same customers")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    moshtari::Database db(database);
    const auto all = customer_ids(db);
    if (all.empty()) {
        std::cerr << database << " holds no customers; run the loyalty benchmark's import first\n";
        return 1;
    }
    std::mt19937_64 random(seed);
    std::vector<CustomerId> customers(lookups);
    for (auto& customer : customers) customer = all[random() % all.size()];

    Ledger ledger(db);
    std::int64_t points = 0;
    const auto balance = time_each(customers, points, [&](CustomerId customer) {
        return ledger.balance(programme, customer);
    });
    std::int64_t spendable = 0;
    const auto command = time_each(customers, spendable, [&](CustomerId customer) {
        std::int64_t left = ledger.balance(programme, customer);
        for (const auto& expiry : moshtari::loyalty::due_expiries(
                 ledger.entries(programme, customer), moshtari::now())) {
            left -= expiry.points;
        }
        return left;
    });
    std::cout << nlohmann::json{{"lookups", lookups},
                                {"customers", all.size()},
                                {"points", points},
                                {"spendable", spendable},
                                {"balance", summary(balance)},
                                {"balance_command", summary(command)}}
                     .dump()
              << '\n';
    return 0;
}
