#pragma once
// The canonical entry list a draw commits to and is drawn from: one line per entry,
// "<entry id> <customer id> <count>\n", in ascending entry id, decimal ASCII, single spaces, every
// line ending in a line feed. Its SHA-256 is the draw's published entries hash.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moshtari::draws {

struct ListedEntry {
    std::int64_t entry = 0;
    std::int64_t customer = 0;
    std::int64_t count = 0;  // how many tickets the entry holds; at least 1
    friend bool operator==(const ListedEntry&, const ListedEntry&) = default;
};

// The list's bytes, sorted by entry id.
std::string format_entry_list(std::vector<ListedEntry> entries);
// Reads a list as format_entry_list writes it; anything else (or more than 2^52 tickets in all) is
// a UserError naming `<source>:<line>` and what was expected.
std::vector<ListedEntry> parse_entry_list(std::string_view text, std::string_view source);

}  // namespace moshtari::draws
