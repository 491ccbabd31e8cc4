#pragma once
// Existing customers' keys (external ids, emails, phones) for matching, and the order numbers an
// order import holds, kept as 128-bit hashes rather than strings so a million customers fit in tens
// of megabytes; two independent 64-bit hashes make a false match far less likely than a disk error.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "moshtari/customer.hpp"

namespace moshtari::data_csv {

class KeyIndex {
  public:
    std::optional<CustomerId> find(std::string_view key) const;
    // `id` must be positive, as every id SQLite assigns is.
    void put(std::string_view key, CustomerId id);
    std::size_t size() const { return size_; }

  private:
    // An open-addressing table of 24-byte slots: a node-based map spent twice that per key on
    // pointers and allocator headers, and a cache miss per node on every lookup.
    struct Slot {
        std::uint64_t first = 0;
        std::uint64_t second = 0;
        CustomerId id = 0;  // 0: the slot is free
    };
    static Slot hash(std::string_view key);
    std::size_t home(std::uint64_t first) const;
    // The slot holding the key of `probe`, or else the free slot where it belongs.
    std::size_t slot_of(const Slot& probe) const;
    void grow();

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace moshtari::data_csv
