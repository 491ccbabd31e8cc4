#include "encoded_words.hpp"

#include <algorithm>
#include <array>

namespace moshtari::email {

namespace {

constexpr std::string_view kPrefix = "=?UTF-8?B?";
constexpr std::string_view kSuffix = "?=";
// 75 bytes per encoded word (RFC 2047 section 2) leave 63 for base64: 45 bytes of text.
constexpr std::size_t kMaxBytesPerWord = 45;

bool is_plain_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x7F;
    });
}

std::string base64(std::string_view bytes) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::array<unsigned, 3> b{};
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        for (std::size_t k = 0; k < n; ++k) b[k] = static_cast<unsigned char>(bytes[i + k]);
        const unsigned triple = (b[0] << 16) | (b[1] << 8) | b[2];
        out += kAlphabet[(triple >> 18) & 63];
        out += kAlphabet[(triple >> 12) & 63];
        out += n > 1 ? kAlphabet[(triple >> 6) & 63] : '=';
        out += n > 2 ? kAlphabet[triple & 63] : '=';
    }
    return out;
}

// Splits at character boundaries so no encoded word ends inside a UTF-8 sequence.
std::string encoded_words(std::string_view text, std::string_view separator) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + kMaxBytesPerWord);
        while (end < text.size() && end > start &&
               (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
            --end;
        }
        if (!out.empty()) out += separator;
        out += kPrefix;
        out += base64(text.substr(start, end - start));
        out += kSuffix;
        start = end;
    }
    return out;
}

bool needs_quoting(std::string_view name) {
    return name.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos;
}

std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string encode_unstructured(std::string_view text) {
    if (is_plain_ascii(text)) return std::string(text);
    return encoded_words(text, "\r\n ");
}

std::string format_mailbox(std::string_view name, std::string_view address) {
    if (name.empty()) return std::string(address);
    std::string display;
    if (!is_plain_ascii(name)) {
        display = encoded_words(name, " ");
    } else if (needs_quoting(name)) {
        display = quoted(name);
    } else {
        display = std::string(name);
    }
    return display + " <" + std::string(address) + ">";
}

}  // namespace moshtari::email
