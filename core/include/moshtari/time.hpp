#pragma once
// Points in time are UTC seconds; text is ISO 8601 ("2026-11-24T09:30:00Z", or a bare date for
// midnight UTC).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "moshtari/export.hpp"

namespace moshtari {

using Timestamp = std::chrono::sys_seconds;
using Date = std::chrono::year_month_day;

MOSHTARI_API Timestamp now();
// `t`, or now() when `t` was left unset: records may carry their own time (imports, backdating).
inline Timestamp or_now(Timestamp t) {
    return t == Timestamp{} ? now() : t;
}
MOSHTARI_API std::string format_time(Timestamp t);
MOSHTARI_API std::string format_date(Date d);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]Z" and "YYYY-MM-DD HH:MM[:SS]"; nullopt when
// malformed.
MOSHTARI_API std::optional<Timestamp> parse_time(std::string_view text);
MOSHTARI_API std::optional<Date> parse_date(std::string_view text);
// Like parse_time, but throws UserError naming `what` and the accepted forms.
MOSHTARI_API Timestamp parse_time_or_throw(std::string_view text, std::string_view what);
// Like parse_date, but throws UserError naming `what`.
MOSHTARI_API Date parse_date_or_throw(std::string_view text, std::string_view what);

inline std::int64_t to_unix(Timestamp t) {
    return t.time_since_epoch().count();
}
inline Timestamp from_unix(std::int64_t s) {
    return Timestamp{std::chrono::seconds{s}};
}

}  // namespace moshtari
