#include "seed.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "sha256.hpp"

namespace moshtari::draws {

std::string make_secret() {
    std::array<std::uint8_t, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("OpenSSL's random generator could not make a seed");
    }
    return to_hex(bytes.data(), bytes.size());
}

std::string commitment_of(std::string_view secret) {
    return sha256_hex(secret);
}

std::string seed_text(std::string_view secret, std::string_view beacon) {
    std::string seed(secret);
    if (!beacon.empty()) seed.append(":").append(beacon);
    return seed;
}

std::string_view secret_of(std::string_view seed) {
    return seed.substr(0, seed.find(':'));
}

}  // namespace moshtari::draws
