#include "moshtari/time.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari {

namespace {

// Reads exactly `width` digits at `pos`; false when anything else is there.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
    if (pos + width > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

}  // namespace

Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string format_time(Timestamp t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::hh_mm_ss time{t - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(Date{day}), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string format_date(Date d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::optional<Date> parse_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, y) ||
        !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d)) {
        return std::nullopt;
    }
    const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<Timestamp> parse_time(std::string_view text) {
    const auto date = parse_date(text.substr(0, std::min<std::size_t>(10, text.size())));
    if (!date) return std::nullopt;
    Timestamp t{std::chrono::sys_days{*date}};
    if (text.size() == 10) return t;

    std::string_view rest = text.substr(10);
    if (rest.front() != 'T' && rest.front() != ' ') return std::nullopt;
    rest.remove_prefix(1);
    if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
    int h = 0, min = 0, s = 0;
    if (rest.size() != 5 && rest.size() != 8) return std::nullopt;
    if (!read_digits(rest, 0, 2, h) || rest[2] != ':' || !read_digits(rest, 3, 2, min))
        return std::nullopt;
    if (rest.size() == 8 && (rest[5] != ':' || !read_digits(rest, 6, 2, s))) return std::nullopt;
    if (h > 23 || min > 59 || s > 59) return std::nullopt;
    return t + std::chrono::hours{h} + std::chrono::minutes{min} + std::chrono::seconds{s};
}

Timestamp parse_time_or_throw(std::string_view text, std::string_view what) {
    if (auto t = parse_time(text)) return *t;
    throw UserError(
        fmt::format("{} '{}' is not a date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)",
                    what, text));
}

Date parse_date_or_throw(std::string_view text, std::string_view what) {
    if (auto d = parse_date(text)) return *d;
    throw UserError(fmt::format("{} '{}' is not a date; write YYYY-MM-DD", what, text));
}

}  // namespace moshtari
