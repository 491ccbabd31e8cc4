#pragma once
// Synthetic customers and orders for the import benchmark. Every row is a pure function of the seed
// and its row number, so the generator streams: it never keeps a row it has written, and a
// duplicate or an order rebuilds the customer it refers to from that customer's row number alone.

#include <cstdint>
#include <string>
#include <utility>

namespace moshtari::bench {

// A bad row has one defect: a malformed email, an impossible phone or no name.
enum class RowKind { person, duplicate, bad_email, bad_phone, no_name };

struct Shares {
    double duplicates = 0.05;  // rows that repeat an earlier person with other spelling
    double bad = 0.01;         // rows an importer must reject
};

// Phones are derived from the row number through a permutation of 7 digits, which keeps every
// person's number distinct up to this many customers.
inline constexpr std::uint64_t kMaxCustomers = 10'000'000;

inline constexpr const char* kCustomerHeader = "external_id,name,email,phone,city,country\n";
inline constexpr const char* kOrderHeader = "external_id,customer_external_id,at,total,currency\n";

class Synthetic {
  public:
    // `home_country` (ISO 3166, or empty for none): only its people's numbers appear in national
    // formats; everyone else's carries the country code, as an importer reading national numbers
    // in one default region needs.
    Synthetic(std::uint64_t seed, std::uint64_t customers, Shares shares, std::string home_country)
        : seed_(seed),
          customers_(customers),
          shares_(shares),
          home_country_(std::move(home_country)) {}

    RowKind kind(std::uint64_t row) const;
    // Append one CSV line, newline included.
    void append_customer(std::uint64_t row, std::string& out) const;
    void append_order(std::uint64_t order, std::string& out) const;

  private:
    std::uint64_t some_person(std::uint64_t stream, std::uint64_t key, std::uint64_t below) const;

    std::uint64_t seed_;
    std::uint64_t customers_;
    Shares shares_;
    std::string home_country_;
};

}  // namespace moshtari::bench
