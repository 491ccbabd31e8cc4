#pragma once
// The draw's seed, committed before anyone can know the entries and revealed when it is drawn: a
// secret of 32 random bytes made at `draws create`, whose SHA-256 is published at once, and
// optionally a public value nobody can know in advance (a lottery result, a block hash), announced
// at `draws close` and given at `draws run`.

#include <string>
#include <string_view>

namespace moshtari::draws {

// 64 lower-case hexadecimal characters from OpenSSL's CSPRNG.
std::string make_secret();
// What is published at creation: SHA-256 of the secret's 64 characters, in hexadecimal.
std::string commitment_of(std::string_view secret);
// The text the draw's random stream is made from: the secret, or "<secret>:<beacon>".
std::string seed_text(std::string_view secret, std::string_view beacon);
// The secret part of a seed text (before the first ':').
std::string_view secret_of(std::string_view seed);

}  // namespace moshtari::draws
