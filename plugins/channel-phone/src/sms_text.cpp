#include "sms_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "moshtari/error.hpp"

namespace moshtari::channel_phone {

namespace {

// GSM 03.38's basic alphabet and its extension table (each extension character costs an escape
// septet too).
constexpr std::u32string_view kGsmBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    U"ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr std::u32string_view kGsmExtension = U"\f^{}\\[~]|€";

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80           ? 1
                                   : (lead >> 5) == 0x6  ? 2
                                   : (lead >> 4) == 0xE  ? 3
                                   : (lead >> 3) == 0x1E ? 4
                                                         : 0;
        if (length == 0 || i + length > text.size()) {
            throw UserError(fmt::format("the text is not UTF-8 (byte {} of it)", i + 1));
        }
        char32_t code = length == 1 ? lead : lead & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next >> 6) != 0x2) {
                throw UserError(fmt::format("the text is not UTF-8 (byte {} of it)", i + k + 1));
            }
            code = (code << 6) | (next & 0x3F);
        }
        out.push_back(code);
        i += length;
    }
    return out;
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    for (const char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool is_gsm7(std::u32string_view text) {
    return std::all_of(text.begin(), text.end(), [](char32_t c) {
        return kGsmBasic.find(c) != std::u32string_view::npos ||
               kGsmExtension.find(c) != std::u32string_view::npos;
    });
}

std::size_t cost(char32_t c, SmsEncoding encoding) {
    if (encoding == SmsEncoding::gsm7) {
        return kGsmExtension.find(c) != std::u32string_view::npos ? 2 : 1;
    }
    return c > 0xFFFF ? 2 : 1;  // a surrogate pair
}

std::size_t units_of(std::u32string_view text, SmsEncoding encoding) {
    std::size_t units = 0;
    for (const char32_t c : text) units += cost(c, encoding);
    return units;
}

std::size_t parts_for(std::size_t units, SegmentSizes sizes) {
    if (units <= sizes.single) return 1;
    return (units + sizes.part - 1) / sizes.part;
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\n' || c == U'\r' || c == U'\t';
}

}  // namespace

const char* to_string(SmsEncoding encoding) {
    return encoding == SmsEncoding::gsm7 ? "GSM-7" : "UCS-2";
}

SmsSize measure_sms(std::string_view utf8, const SegmentRules& rules) {
    const std::u32string text = decode_utf8(utf8);
    if (text.empty()) throw UserError("the message is empty; give it some text");
    SmsSize size;
    size.encoding = is_gsm7(text) ? SmsEncoding::gsm7 : SmsEncoding::ucs2;
    size.units = units_of(text, size.encoding);
    size.parts =
        parts_for(size.units, size.encoding == SmsEncoding::gsm7 ? rules.gsm7 : rules.ucs2);
    return size;
}

std::vector<std::string> split_sms(std::string_view utf8, const SegmentRules& rules,
                                   std::size_t max_parts) {
    const std::u32string text = decode_utf8(utf8);
    const SmsEncoding encoding = is_gsm7(text) ? SmsEncoding::gsm7 : SmsEncoding::ucs2;
    const SegmentSizes sizes = encoding == SmsEncoding::gsm7 ? rules.gsm7 : rules.ucs2;
    const std::size_t capacity = max_parts <= 1 ? sizes.single : max_parts * sizes.part;
    std::vector<std::string> pieces;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start, units = 0;
        while (end < text.size() && units + cost(text[end], encoding) <= capacity) {
            units += cost(text[end++], encoding);
        }
        std::size_t next = end;
        if (end < text.size()) {
            // Break after the last space of the piece, unless that leaves it mostly empty.
            std::size_t space = end;
            while (space > start && !is_space(text[space - 1]) && !is_space(text[space])) --space;
            if (space > start + (end - start) / 2) end = next = space;
        }
        std::size_t last = end;
        while (last > start && is_space(text[last - 1])) --last;
        if (last > start) pieces.push_back(encode_utf8(text.substr(start, last - start)));
        start = next;
        while (start < text.size() && is_space(text[start])) ++start;
    }
    return pieces;
}

std::string ucs2_hex(std::string_view utf8) {
    std::string hex;
    const auto unit = [&hex](std::uint32_t u) { hex += fmt::format("{:04X}", u); };
    for (const char32_t c : decode_utf8(utf8)) {
        if (c > 0xFFFF) {
            unit(0xD800 + ((c - 0x10000) >> 10));
            unit(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            unit(c);
        }
    }
    return hex;
}

}  // namespace moshtari::channel_phone
