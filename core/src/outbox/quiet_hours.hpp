#pragma once
// Whether an instant falls in a channel's quiet hours, in a customer's time zone.

#include <optional>
#include <string_view>

#include "moshtari/outbox_settings.hpp"
#include "moshtari/time.hpp"

namespace moshtari {

// The instant (UTC) the quiet period containing `at` ends in `zone`, or nullopt when `at` is
// outside quiet hours.
std::optional<Timestamp> end_of_quiet_hours(const QuietHours& quiet, std::string_view zone,
                                            Timestamp at);

}  // namespace moshtari
