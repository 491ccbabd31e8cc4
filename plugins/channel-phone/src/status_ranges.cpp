#include "status_ranges.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace moshtari::channel_phone {

namespace {

std::optional<long> number(std::string_view text) {
    long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<StatusRanges> StatusRanges::parse(const std::vector<std::string>& items,
                                                std::string& error) {
    std::vector<Range> ranges;
    for (const auto& item : items) {
        const auto dash = item.find('-');
        const auto first = number(std::string_view(item).substr(0, dash));
        const auto last =
            dash == std::string::npos ? first : number(std::string_view(item).substr(dash + 1));
        if (!first || !last || *last < *first) {
            error = fmt::format("'{}' is not a status code or a range like 500-599", item);
            return std::nullopt;
        }
        ranges.push_back({*first, *last});
    }
    return StatusRanges(std::move(ranges));
}

bool StatusRanges::contains(long status) const {
    return std::any_of(ranges_.begin(), ranges_.end(),
                       [status](const Range& r) { return status >= r.first && status <= r.last; });
}

}  // namespace moshtari::channel_phone
