#pragma once
// The append-only ledger: one row per earning, redemption, expiry, adjustment or reversal, with its
// cause. A balance is the sum of a customer's rows in a programme; nothing else stores it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"
#include "moshtari/migration.hpp"
#include "moshtari/order.hpp"
#include "moshtari/time.hpp"

namespace moshtari {
class Database;
}

namespace moshtari::loyalty {

std::vector<Migration> migrations();

enum class EntryKind { earn, redeem, expire, adjust, reverse };

const char* to_string(EntryKind kind);

struct Entry {
    std::int64_t id = 0;
    std::string programme{};
    CustomerId customer = 0;
    EntryKind kind = EntryKind::earn;
    // Unique per programme and kind: "order:42", "first-order:7", "redeem:<reference>", ...
    std::string cause{};
    std::int64_t points = 0;  // signed
    Timestamp at{};           // when it took effect
    std::optional<OrderId> order{};
    std::string rule{};  // the earn rule or bonus, "redemption", "expiry", "cancelled", ...
    std::string by{};    // who asked for it, for entries made by hand
    std::string note{};
    Timestamp expires_at{};             // for points received; Timestamp{} when they never expire
    std::optional<std::int64_t> lot{};  // an expiry's entry whose points ran out
    std::int64_t shortfall = 0;         // points a clamped reversal could not take back
};

class Ledger {
  public:
    explicit Ledger(Database& db) : db_(db) {}

    // Appends the entries whose (programme, kind, cause) is new, in one statement, inside the
    // caller's transaction; returns how many were new.
    std::size_t append(const std::vector<Entry>& entries);
    std::int64_t balance(std::string_view programme, CustomerId customer) const;
    // The customer's entries in the order they were written.
    std::vector<Entry> entries(std::string_view programme, CustomerId customer) const;
    // Every programme's entries of the customer, in the order they were written.
    std::vector<Entry> entries_of(CustomerId customer) const;
    // The entries of every customer with a lot that expired by `as_of` and has no expiry recorded,
    // by customer, each customer's in the order written: what recording expiries replays.
    std::vector<Entry> entries_with_lapsed_lots(std::string_view programme, Timestamp as_of) const;
    std::optional<Entry> find(std::string_view programme, EntryKind kind,
                              std::string_view cause) const;

  private:
    std::vector<Entry> select(const std::string& where, std::string_view programme,
                              CustomerId customer) const;

    Database& db_;
};

}  // namespace moshtari::loyalty
