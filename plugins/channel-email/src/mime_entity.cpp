#include "mime_entity.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ascii_text.hpp"
#include "moshtari/error.hpp"

namespace moshtari::email {

namespace {

// Splits into lines without their CR LF or LF.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        std::string_view line =
            text.substr(start, end == std::string_view::npos ? end : end - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

// Reads header fields from `lines` starting at `at`; stops after the blank line ending them.
std::vector<std::pair<std::string, std::string>> read_fields(
    const std::vector<std::string_view>& lines, std::size_t& at) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (; at < lines.size(); ++at) {
        const std::string_view line = lines[at];
        if (line.empty()) {
            ++at;
            break;
        }
        if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
            fields.back().second += " ";
            fields.back().second += trim(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;  // not a field; lenient as mail readers are
        fields.emplace_back(std::string(trim(line.substr(0, colon))),
                            std::string(trim(line.substr(colon + 1))));
    }
    return fields;
}

std::string decode_base64(std::string_view text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') value = c - 'A';
        if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
        if (c >= '0' && c <= '9') value = c - '0' + 52;
        if (c == '+') value = 62;
        if (c == '/') value = 63;
        if (value < 0) continue;  // line breaks, padding
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    const auto lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        bool soft_break = false;
        for (std::size_t k = 0; k < line.size(); ++k) {
            if (line[k] != '=') {
                out += line[k];
            } else if (k + 1 == line.size()) {
                soft_break = true;
            } else if (k + 2 < line.size() && hex_value(line[k + 1]) >= 0 &&
                       hex_value(line[k + 2]) >= 0) {
                out += static_cast<char>(hex_value(line[k + 1]) * 16 + hex_value(line[k + 2]));
                k += 2;
            } else {
                out += '=';
            }
        }
        if (!soft_break && i + 1 < lines.size()) out += "\r\n";
    }
    return out;
}

}  // namespace

MimeEntity MimeEntity::parse(std::string_view raw) {
    MimeEntity entity;
    const auto lines = lines_of(raw);
    std::size_t at = 0;
    entity.headers_ = read_fields(lines, at);
    if (entity.headers_.empty() && (lines.empty() || !lines.front().empty())) {
        throw UserError("not a mail message: no header fields");
    }
    // The body starts after the first blank line, CR LF or LF.
    const auto crlf = raw.find("\r\n\r\n");
    const auto lf = raw.find("\n\n");
    std::size_t body_start = raw.size();
    if (!lines.empty() && lines.front().empty()) {
        body_start = raw.find('\n') + 1;
    } else if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
        body_start = crlf + 4;
    } else if (lf != std::string_view::npos) {
        body_start = lf + 2;
    }
    entity.body_ = std::string(raw.substr(std::min(body_start, raw.size())));
    return entity;
}

std::vector<MimeEntity> MimeEntity::parse_field_groups(std::string_view text) {
    std::vector<MimeEntity> groups;
    const auto lines = lines_of(text);
    std::size_t at = 0;
    while (at < lines.size()) {
        if (lines[at].empty()) {
            ++at;
            continue;
        }
        MimeEntity group;
        group.headers_ = read_fields(lines, at);
        if (!group.headers_.empty()) groups.push_back(std::move(group));
    }
    return groups;
}

std::optional<std::string> MimeEntity::header(std::string_view name) const {
    const std::string wanted = ascii_lower(name);
    for (const auto& [key, value] : headers_) {
        if (ascii_lower(key) == wanted) return value;
    }
    return std::nullopt;
}

std::string MimeEntity::media_type() const {
    const auto type = header("Content-Type");
    if (!type) return "text/plain";
    return ascii_lower(trim(std::string_view(*type).substr(0, type->find(';'))));
}

std::string MimeEntity::content_type_parameter(std::string_view name) const {
    const auto type = header("Content-Type");
    if (!type) return {};
    const std::string wanted = ascii_lower(name);
    std::string_view rest(*type);
    // Parameters follow the first ';', each "name=value" or name="quoted; value".
    for (auto semicolon = rest.find(';'); semicolon != std::string_view::npos;) {
        rest = rest.substr(semicolon + 1);
        const auto equals = rest.find('=');
        if (equals == std::string_view::npos) break;
        const std::string key = ascii_lower(trim(rest.substr(0, equals)));
        rest = rest.substr(equals + 1);
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
            rest.remove_prefix(1);
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t k = 1;
            for (; k < rest.size() && rest[k] != '"'; ++k) {
                if (rest[k] == '\\' && k + 1 < rest.size()) ++k;
                value += rest[k];
            }
            rest = rest.substr(std::min(k + 1, rest.size()));
            semicolon = rest.find(';');
        } else {
            semicolon = rest.find(';');
            value = std::string(trim(rest.substr(0, semicolon)));
        }
        if (key == wanted) return value;
    }
    return {};
}

std::vector<MimeEntity> MimeEntity::parts() const {
    const std::string boundary = content_type_parameter("boundary");
    if (boundary.empty()) {
        throw UserError(fmt::format("the {} entity has no boundary parameter", media_type()));
    }
    const std::string delimiter = "--" + boundary;
    std::vector<MimeEntity> parts;
    std::optional<std::size_t> part_start;
    std::size_t line_start = 0;
    bool closed = false;
    while (line_start < body_.size() && !closed) {
        auto line_end = body_.find('\n', line_start);
        if (line_end == std::string::npos) line_end = body_.size();
        std::string_view line(body_.data() + line_start, line_end - line_start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.starts_with(delimiter)) {
            const std::string_view after = trim(line.substr(delimiter.size()));
            if (after.empty() || after == "--") {
                if (part_start) {
                    // The CR LF before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
                    std::size_t end = line_start;
                    if (end > *part_start && body_[end - 1] == '\n') --end;
                    if (end > *part_start && body_[end - 1] == '\r') --end;
                    parts.push_back(
                        parse(std::string_view(body_).substr(*part_start, end - *part_start)));
                }
                closed = after == "--";
                part_start = line_end + 1;
            }
        }
        line_start = line_end + 1;
    }
    if (parts.empty()) {
        throw UserError(fmt::format("the boundary \"{}\" of the {} entity never appears", boundary,
                                    media_type()));
    }
    return parts;
}

std::string MimeEntity::decoded_body() const {
    const std::string encoding = ascii_lower(header("Content-Transfer-Encoding").value_or("7bit"));
    if (encoding == "base64") return decode_base64(body_);
    if (encoding == "quoted-printable") return decode_quoted_printable(body_);
    return body_;
}

}  // namespace moshtari::email
