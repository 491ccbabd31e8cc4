#pragma once
// Existing customers' keys (external ids, emails, phones) for matching, kept as 128-bit hashes
// rather than strings so a million customers fit in tens of megabytes; two independent 64-bit
// hashes make a false match far less likely than a disk error.

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "moshtari/customer.hpp"

namespace moshtari::data_csv {

class KeyIndex {
  public:
    std::optional<CustomerId> find(std::string_view key) const;
    void put(std::string_view key, CustomerId id);
    std::size_t size() const { return ids_.size(); }

  private:
    struct Hash128 {
        std::uint64_t first;
        std::uint64_t second;
        friend bool operator==(const Hash128&, const Hash128&) = default;
    };
    struct FirstHalf {
        std::size_t operator()(const Hash128& h) const { return h.first; }
    };
    static Hash128 hash(std::string_view key);

    std::unordered_map<Hash128, CustomerId, FirstHalf> ids_;
};

}  // namespace moshtari::data_csv
