#include "key_index.hpp"

#include <functional>
#include <stdexcept>

namespace moshtari::data_csv {

namespace {
// Growing by half rather than doubling keeps the table between 53% and 80% full, so a million
// keys cost about 35 bytes each instead of up to 60; linear probing stays short below 80%.
constexpr std::size_t kFirstCapacity = 1024;
constexpr std::size_t kMaxLoadPercent = 80;
}  // namespace

KeyIndex::Slot KeyIndex::hash(std::string_view key) {
    // FNV-1a beside libstdc++'s murmur-based std::hash: unrelated functions, so their collisions
    // are independent.
    std::uint64_t fnv = 14695981039346656037ull;
    for (unsigned char c : key) {
        fnv ^= c;
        fnv *= 1099511628211ull;
    }
    return {std::hash<std::string_view>{}(key), fnv, 0};
}

std::size_t KeyIndex::home(std::uint64_t first) const {
    // Maps the hash onto any table size without a division (Lemire's multiply-shift), so the
    // capacity need not be a power of two.
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::size_t>((static_cast<Wide>(first) * slots_.size()) >> 64);
}

std::size_t KeyIndex::slot_of(const Slot& probe) const {
    std::size_t i = home(probe.first);
    while (slots_[i].id != 0 &&
           (slots_[i].first != probe.first || slots_[i].second != probe.second)) {
        if (++i == slots_.size()) i = 0;
    }
    return i;
}

std::optional<CustomerId> KeyIndex::find(std::string_view key) const {
    if (size_ == 0) return std::nullopt;
    const Slot& slot = slots_[slot_of(hash(key))];
    if (slot.id == 0) return std::nullopt;
    return slot.id;
}

void KeyIndex::put(std::string_view key, CustomerId id) {
    if (id <= 0) throw std::invalid_argument("KeyIndex::put: ids are positive");
    if ((size_ + 1) * 100 > slots_.size() * kMaxLoadPercent) grow();
    Slot entry = hash(key);
    entry.id = id;
    Slot& slot = slots_[slot_of(entry)];
    if (slot.id == 0) ++size_;
    slot = entry;
}

void KeyIndex::grow() {
    std::vector<Slot> old(slots_.empty() ? kFirstCapacity : slots_.size() + slots_.size() / 2);
    old.swap(slots_);
    for (const Slot& entry : old) {
        if (entry.id != 0) slots_[slot_of(entry)] = entry;
    }
}

}  // namespace moshtari::data_csv
