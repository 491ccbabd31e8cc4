#pragma once
// How long a text is in SMS terms. Text that fits the GSM 03.38 alphabet goes as GSM-7 (160
// septets alone, 153 per part of a long message; ^{}\[~]|€ take two); anything else, Persian
// included, goes as UCS-2 (70 UTF-16 units alone, 67 per part).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::channel_phone {

enum class SmsEncoding { gsm7, ucs2 };

const char* to_string(SmsEncoding encoding);

// Units per message: a text within `single` goes as one SMS, a longer one in parts of `part`.
struct SegmentSizes {
    std::size_t single = 0;
    std::size_t part = 0;
};

struct SegmentRules {
    SegmentSizes gsm7{160, 153};
    SegmentSizes ucs2{70, 67};
    std::size_t max_parts = 10;  // the provider's limit for one message
};

struct SmsSize {
    SmsEncoding encoding = SmsEncoding::gsm7;
    std::size_t units = 0;  // septets or UTF-16 units
    std::size_t parts = 0;
};

// Throws UserError when the text is empty or not UTF-8.
SmsSize measure_sms(std::string_view utf8, const SegmentRules& rules);

// Pieces of at most `max_parts` parts each, broken at white space where there is some, so each
// piece can go as a message of its own.
std::vector<std::string> split_sms(std::string_view utf8, const SegmentRules& rules,
                                   std::size_t max_parts);

// UTF-16 big-endian as upper-case hex ("0633064406270645" for سلام), for gateways that take
// UCS-2 text that way.
std::string ucs2_hex(std::string_view utf8);

}  // namespace moshtari::channel_phone
