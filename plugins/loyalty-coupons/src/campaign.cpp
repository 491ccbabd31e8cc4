#include "campaign.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace moshtari::coupons {

namespace {

__extension__ typedef __int128 Wide;

// a * b / c rounded half away from zero, for c > 0.
std::int64_t scale_rounded(std::int64_t a, std::int64_t b, std::int64_t c) {
    const Wide product = static_cast<Wide>(a) * b;
    const Wide half = c / 2;
    const Wide rounded = product >= 0 ? (product + half) / c : (product - half) / c;
    return static_cast<std::int64_t>(rounded);
}

}  // namespace

std::int64_t Campaign::discount(std::int64_t total_minor, std::int64_t discounted_minor) const {
    const std::int64_t left = std::max<std::int64_t>(total_minor - discounted_minor, 0);
    const std::int64_t wanted = kind == DiscountKind::percent
                                    ? scale_rounded(total_minor, percent_hundredths, 10000)
                                    : amount_minor;
    return std::clamp<std::int64_t>(wanted, 0, left);
}

Timestamp Campaign::expiry_of(Timestamp issued_at) const {
    Timestamp end = valid_until;
    if (valid_days > 0 && issued_at != Timestamp{}) {
        const Timestamp lapse = issued_at + std::chrono::days{valid_days};
        if (end == Timestamp{} || lapse < end) end = lapse;
    }
    return end;
}

std::string Campaign::describe() const {
    if (kind == DiscountKind::amount) {
        return fmt::format("{} off", format_money(Money{amount_minor, currency}));
    }
    const auto whole = percent_hundredths / 100;
    const auto fraction = percent_hundredths % 100;
    if (fraction == 0) return fmt::format("{}% off", whole);
    return fmt::format(
        "{}.{}% off", whole,
        fraction % 10 == 0 ? fmt::format("{}", fraction / 10) : fmt::format("{:02}", fraction));
}

}  // namespace moshtari::coupons
