#include "sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace moshtari::draws {

Digest sha256(std::string_view bytes) {
    Digest digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
        size != digest.size()) {
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    }
    return digest;
}

std::string sha256_hex(std::string_view bytes) {
    const Digest digest = sha256(bytes);
    return to_hex(digest.data(), digest.size());
}

std::string to_hex(const std::uint8_t* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        hex += kDigits[bytes[i] >> 4];
        hex += kDigits[bytes[i] & 0x0f];
    }
    return hex;
}

}  // namespace moshtari::draws
