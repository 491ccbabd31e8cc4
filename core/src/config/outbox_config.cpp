#include "config/outbox_config.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <charconv>

#include "outbox/time_zone.hpp"

namespace moshtari {

namespace {

// This machine's name, so Message-IDs are unique per deployment even when nobody set a host.
std::string host_name() {
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "localhost";
    return name.data();
}

int positive(const ConfigSection& section, std::string_view key, int fallback) {
    const int value = section.get<int>(key, fallback);
    if (value < 1) {
        section.fail(key, fmt::format("expected a whole number from 1 up, got '{}'",
                                      section.require<std::string>(key)));
    }
    return value;
}

// "21:00" → 1260.
int minute_of_day(const ConfigSection& section, std::string_view key) {
    const auto text = section.require<std::string>(key);
    int hours = -1;
    int minutes = -1;
    const char* end = text.data() + text.size();
    const auto [colon, error] = std::from_chars(text.data(), end, hours);
    const bool well_formed =
        error == std::errc{} && colon != end && *colon == ':' && end - colon == 3 &&
        std::from_chars(colon + 1, end, minutes).ptr == end && colon - text.data() <= 2;
    if (!well_formed || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
        section.fail(
            key, fmt::format("expected a local time of day as HH:MM (\"21:00\"), got '{}'", text));
    }
    return hours * 60 + minutes;
}

QuietHours read_quiet_hours(const ConfigSection& section, ProblemCollector& problems) {
    QuietHours quiet;
    problems.collect([&] { section.allow_only({"start", "end"}); });
    problems.collect([&] { quiet.start_minute = minute_of_day(section, "start"); });
    problems.collect([&] {
        quiet.end_minute = minute_of_day(section, "end");
        if (quiet.end_minute == quiet.start_minute) {
            section.fail("end", "quiet hours must end at another time than they start");
        }
    });
    return quiet;
}

ChannelPacing read_pacing(const ConfigSection& section, ProblemCollector& problems) {
    ChannelPacing pacing;
    problems.collect([&] { section.allow_only({"quiet_hours", "rate_per_minute"}); });
    problems.collect([&] {
        if (section.has("quiet_hours"))
            pacing.quiet_hours = read_quiet_hours(section.child("quiet_hours"), problems);
    });
    problems.collect([&] {
        if (section.has("rate_per_minute"))
            pacing.rate_per_minute = positive(section, "rate_per_minute", 1);
    });
    return pacing;
}

std::chrono::seconds seconds(const ConfigSection& section, std::string_view key,
                             std::chrono::seconds fallback) {
    return std::chrono::seconds{positive(section, key, static_cast<int>(fallback.count()))};
}

}  // namespace

OutboxSettings read_outbox(const ConfigSection& root, const std::string& workspace_time_zone,
                           ProblemCollector& problems) {
    OutboxSettings settings;
    problems.collect([&] {
        const ConfigSection section = root.child("outbox");
        problems.collect([&] {
            section.allow_only({"max_attempts", "backoff_base_seconds", "backoff_cap_seconds",
                                "batch_size", "lease_seconds", "time_zone", "message_id_host",
                                "channels"});
        });
        problems.collect([&] {
            settings.max_attempts = positive(section, "max_attempts", settings.max_attempts);
        });
        problems.collect([&] {
            settings.backoff_base = seconds(section, "backoff_base_seconds", settings.backoff_base);
        });
        problems.collect([&] {
            settings.backoff_cap = seconds(section, "backoff_cap_seconds", settings.backoff_cap);
            if (settings.backoff_cap < settings.backoff_base) {
                section.fail("backoff_cap_seconds",
                             "expected at least backoff_base_seconds: the cap is the longest wait");
            }
        });
        problems.collect(
            [&] { settings.batch_size = positive(section, "batch_size", settings.batch_size); });
        problems.collect(
            [&] { settings.lease = seconds(section, "lease_seconds", settings.lease); });
        problems.collect([&] {
            settings.time_zone = section.get<std::string>("time_zone", workspace_time_zone);
            if (!is_known_time_zone(settings.time_zone)) {
                const std::string message = fmt::format(
                    "time zone '{}' is not known; use an IANA name such as Europe/Berlin or "
                    "Asia/Tehran{}",
                    settings.time_zone,
                    section.has("time_zone") ? "" : " in workspace.time_zone or outbox.time_zone");
                if (section.has("time_zone")) section.fail("time_zone", message);
                root.child("workspace").fail("time_zone", message);
            }
        });
        problems.collect([&] {
            settings.message_id_host = section.get<std::string>("message_id_host", host_name());
            if (settings.message_id_host.empty() ||
                settings.message_id_host.find_first_of("<>@ \t") != std::string::npos) {
                section.fail("message_id_host",
                             "expected a host name such as mail.example.com, without <, >, @ or "
                             "spaces");
            }
        });
        problems.collect([&] {
            const ConfigSection channels = section.child("channels");
            for (const auto& name : channels.keys())
                settings.channels[name] = read_pacing(channels.child(name), problems);
        });
    });
    return settings;
}

}  // namespace moshtari
