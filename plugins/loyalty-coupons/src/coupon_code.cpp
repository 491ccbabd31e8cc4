#include "coupon_code.hpp"

#include <sys/random.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <system_error>
#include <vector>

namespace moshtari::coupons {

namespace {

// Bytes from the kernel's CSPRNG. Flags 0 blocks only until the pool is first seeded, so the bytes
// are never predictable, even early after boot.
void fill_random(std::vector<unsigned char>& bytes) {
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = ::getrandom(bytes.data() + filled, bytes.size() - filled, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "getrandom");
        }
        filled += static_cast<std::size_t>(got);
    }
}

}  // namespace

std::string generate_code(std::size_t length) {
    // Bytes at or above the largest multiple of the alphabet's size are dropped, so every
    // character is equally likely (a plain modulo would favour the first ones).
    constexpr unsigned kSize = kCodeAlphabet.size();
    constexpr unsigned kLimit = 256 / kSize * kSize;
    std::string code;
    std::vector<unsigned char> bytes(length + length / 4 + 4);
    while (code.size() < length) {
        fill_random(bytes);
        for (const unsigned char byte : bytes) {
            if (byte >= kLimit) continue;
            code.push_back(kCodeAlphabet[byte % kSize]);
            if (code.size() == length) break;
        }
    }
    return code;
}

std::string canonical_code(std::string_view typed) {
    std::string code;
    for (const char c : typed) {
        if (c == '-' || c == ' ') continue;
        code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return code;
}

std::string display_code(std::string_view canonical) {
    std::string shown;
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % kCodeGroup == 0) shown.push_back('-');
        shown.push_back(canonical[i]);
    }
    return shown;
}

double code_entropy_bits(std::size_t length) {
    return static_cast<double>(length) * std::log2(static_cast<double>(kCodeAlphabet.size()));
}

}  // namespace moshtari::coupons
