#include "outbox/quiet_hours.hpp"

#include <algorithm>

#include "outbox/time_zone.hpp"

namespace moshtari {

std::optional<Timestamp> end_of_quiet_hours(const QuietHours& quiet, std::string_view zone,
                                            Timestamp at) {
    using namespace std::chrono;
    // Wall-clock time in the zone, kept in a sys_seconds for the day arithmetic.
    const Timestamp local = at + utc_offset(zone, at);
    const auto midnight = floor<days>(local);
    const int minute = static_cast<int>(duration_cast<minutes>(local - midnight).count());
    const bool spans_midnight = quiet.start_minute > quiet.end_minute;
    const bool inside = spans_midnight ? minute >= quiet.start_minute || minute < quiet.end_minute
                                       : minute >= quiet.start_minute && minute < quiet.end_minute;
    if (!inside) return std::nullopt;
    Timestamp end_local = Timestamp{midnight} + minutes{quiet.end_minute};
    if (spans_midnight && minute >= quiet.start_minute) end_local += days{1};
    // The offset at the end may differ from the one now (a daylight saving change overnight).
    const auto guess = end_local - utc_offset(zone, at);
    // Never at or before `at` (a wall time skipped by a clock change), so a message moved to the
    // end always leaves the set of due messages.
    return std::max(end_local - utc_offset(zone, guess), at + seconds{1});
}

}  // namespace moshtari
