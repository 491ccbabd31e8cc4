#pragma once
// UTC offsets of IANA time zones, through ICU (libstdc++ 12 has no std::chrono::locate_zone).

#include <chrono>
#include <string_view>

#include "moshtari/time.hpp"

namespace moshtari {

bool is_known_time_zone(std::string_view zone);
// Local time minus UTC in `zone` at the instant `at`, daylight saving included. Throws
// std::invalid_argument for an unknown zone.
std::chrono::seconds utc_offset(std::string_view zone, Timestamp at);

}  // namespace moshtari
