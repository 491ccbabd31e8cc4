#include "key_index.hpp"

#include <functional>

namespace moshtari::data_csv {

KeyIndex::Hash128 KeyIndex::hash(std::string_view key) {
    // FNV-1a beside libstdc++'s murmur-based std::hash: unrelated functions, so their collisions
    // are independent.
    std::uint64_t fnv = 14695981039346656037ull;
    for (unsigned char c : key) {
        fnv ^= c;
        fnv *= 1099511628211ull;
    }
    return {std::hash<std::string_view>{}(key), fnv};
}

std::optional<CustomerId> KeyIndex::find(std::string_view key) const {
    const auto found = ids_.find(hash(key));
    if (found == ids_.end()) return std::nullopt;
    return found->second;
}

void KeyIndex::put(std::string_view key, CustomerId id) {
    ids_.insert_or_assign(hash(key), id);
}

}  // namespace moshtari::data_csv
