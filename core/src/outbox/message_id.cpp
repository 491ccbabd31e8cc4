#include "outbox/message_id.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace moshtari {

namespace {

// FNV-1a: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

}  // namespace

std::string make_message_id(MessageId id, std::string_view idempotency_key, std::string_view host) {
    return fmt::format("<{}.{:016x}@{}>", id, fnv1a(idempotency_key), host);
}

}  // namespace moshtari
