#pragma once
// Coupon codes: drawn from an alphabet without look-alike characters, grouped for reading aloud,
// and matched back whatever the case or the dashes someone types.

#include <cstddef>
#include <string>
#include <string_view>

namespace moshtari::coupons {

// 2-9 and A-Z without I, L and O: nothing reads as 0/O or 1/I/L.
inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kCodeGroup = 4;

// `length` characters drawn uniformly from kCodeAlphabet with getrandom(2), in canonical form.
std::string generate_code(std::size_t length);
// The form codes are stored and compared in: upper case, without dashes or spaces.
std::string canonical_code(std::string_view typed);
// "ABCD-EFGH-JKMN": the canonical code in groups of kCodeGroup.
std::string display_code(std::string_view canonical);
// Bits of entropy in a generated code of `length` characters.
double code_entropy_bits(std::size_t length);

}  // namespace moshtari::coupons
