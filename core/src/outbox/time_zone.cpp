#include "outbox/time_zone.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace moshtari {

namespace {

// nullptr for a name ICU does not know (it would silently hand back "Etc/Unknown", which is UTC).
std::unique_ptr<icu::TimeZone> open_zone(std::string_view zone) {
    if (zone.empty()) return nullptr;
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
        icu::StringPiece(zone.data(), static_cast<int>(zone.size())))));
    if (!tz || *tz == icu::TimeZone::getUnknown()) return nullptr;
    return tz;
}

}  // namespace

bool is_known_time_zone(std::string_view zone) {
    return open_zone(zone) != nullptr;
}

std::chrono::seconds utc_offset(std::string_view zone, Timestamp at) {
    const auto tz = open_zone(zone);
    if (!tz) throw std::invalid_argument("unknown time zone '" + std::string(zone) + "'");
    int32_t raw = 0;
    int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(to_unix(at)) * 1000.0, false, raw, dst, status);
    if (U_FAILURE(status)) {
        throw std::runtime_error("ICU cannot tell the offset of '" + std::string(zone) +
                                 "': " + u_errorName(status));
    }
    return std::chrono::seconds{(raw + dst) / 1000};
}

}  // namespace moshtari
