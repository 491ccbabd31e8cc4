#pragma once
// How two customer records are compared when looking for duplicates: keys that agree for two
// spellings of the same email address or phone number, and a similarity of names.

#include <string>
#include <string_view>

namespace moshtari {

// The mailbox an address delivers to: lower-case, without a "+tag", and without the dots Gmail
// ignores. "Sara.Ahmadi+shop@gmail.com" and "saraahmadi@googlemail.com" agree.
std::string email_match_key(std::string_view email);

// The last nine digits, enough to tell numbers apart within a country while ignoring how the
// country or trunk prefix was written: "+98 912 123 4567" and "0912 123 4567" agree. Empty for
// numbers too short to say.
std::string phone_match_key(std::string_view phone);

// The name's words, lower-cased and sorted, so word order and case do not matter.
std::string name_match_key(std::string_view name);

// Candidates for the name rule are only compared within a block: the first two letters of each
// word of the name key. "Zahra Ahmadi" and "Zara Ahmady" share "ah za".
std::string name_block_key(std::string_view name_key);

// 1 for equal name keys, falling towards 0 with their edit distance.
double name_similarity(std::string_view a_key, std::string_view b_key);

}  // namespace moshtari
