#pragma once
// SHA-256 through OpenSSL's libcrypto: the draw's commitments and its random stream.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace moshtari::draws {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::string_view bytes);
// Lower-case hexadecimal, 64 characters.
std::string sha256_hex(std::string_view bytes);
std::string to_hex(const std::uint8_t* bytes, std::size_t size);

}  // namespace moshtari::draws
