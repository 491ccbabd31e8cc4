#include "entry_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "moshtari/error.hpp"

namespace moshtari::draws {

namespace {

// A positive decimal number without sign or leading zeros, as the list writes it.
bool read_number(std::string_view field, std::int64_t& value) {
    if (field.empty() || field.front() == '0') return false;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    return error == std::errc{} && end == field.data() + field.size() && value > 0;
}

}  // namespace

std::string format_entry_list(std::vector<ListedEntry> entries) {
    std::sort(entries.begin(), entries.end(),
              [](const ListedEntry& a, const ListedEntry& b) { return a.entry < b.entry; });
    std::string text;
    for (const auto& e : entries)
        fmt::format_to(std::back_inserter(text), "{} {} {}\n", e.entry, e.customer, e.count);
    return text;
}

std::vector<ListedEntry> parse_entry_list(std::string_view text, std::string_view source) {
    // Far above any real draw, and far enough below 2^63 that sums of tickets never overflow.
    constexpr std::int64_t kMostTickets = std::int64_t{1} << 52;
    std::int64_t tickets = 0;
    std::vector<ListedEntry> entries;
    std::size_t line = 0;
    const auto fail = [&](std::string_view what) {
        throw UserError(
            fmt::format("{}:{}: {}; each line of an entry list is 'ENTRY CUSTOMER "
                        "COUNT' (positive whole numbers, one space between, ascending "
                        "entry ids), as `moshtari draws entries` prints it",
                        source, line, what));
    };
    while (!text.empty()) {
        ++line;
        const auto end = text.find('\n');
        if (end == std::string_view::npos) fail("the last line has no line feed");
        const std::string_view row = text.substr(0, end);
        text.remove_prefix(end + 1);
        const auto first = row.find(' ');
        const auto second = first == std::string_view::npos ? first : row.find(' ', first + 1);
        ListedEntry entry;
        if (second == std::string_view::npos || !read_number(row.substr(0, first), entry.entry) ||
            !read_number(row.substr(first + 1, second - first - 1), entry.customer) ||
            !read_number(row.substr(second + 1), entry.count)) {
            fail(fmt::format("'{}' is not three positive numbers", row));
        }
        if (!entries.empty() && entry.entry <= entries.back().entry) {
            fail(fmt::format("entry {} does not come after entry {}", entry.entry,
                             entries.back().entry));
        }
        if (entry.count > kMostTickets - tickets) {
            fail(fmt::format("the tickets add up to more than {}", kMostTickets));
        }
        tickets += entry.count;
        entries.push_back(entry);
    }
    return entries;
}

}  // namespace moshtari::draws
