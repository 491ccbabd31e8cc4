#pragma once
// How the delivery worker paces and retries messages: the `outbox:` section of moshtari.yaml.

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace moshtari {

// Local times of day as minutes after midnight; a start after the end spans midnight (21:00-08:00).
struct QuietHours {
    int start_minute = 0;
    int end_minute = 0;
};

struct ChannelPacing {
    // Marketing messages due inside these hours, in the customer's time zone, wait for their end.
    std::optional<QuietHours> quiet_hours{};
    int rate_per_minute = 0;  // 0: no limit
};

struct OutboxSettings {
    int max_attempts = 5;                        // hand-overs before a failing message goes dead
    std::chrono::seconds backoff_base{60};       // the wait after the first failure, doubling
    std::chrono::seconds backoff_cap{6 * 3600};  // the longest wait between attempts
    int batch_size = 20;                         // messages handed to a channel at once
    std::chrono::seconds lease{300};             // how long a claimed message is a worker's own
    std::string time_zone{};                     // for customers without one (IANA)
    std::string message_id_host{};               // the right-hand side of every Message-ID
    std::map<std::string, ChannelPacing, std::less<>> channels{};  // by channel name
};

}  // namespace moshtari
