#pragma once
// The plugin's section of moshtari.yaml (README.md lists every key):
//   channel-phone:
//     default_region: IR
//     sms: {profile: kavenegar, credentials: {api_key_env: KAVENEGAR_API_KEY}, from: "10004346"}
//     calls: {default_assignee: reza, default_priority: normal}

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "call_priority.hpp"
#include "moshtari/config_section.hpp"
#include "placeholders.hpp"
#include "provider_profile.hpp"

namespace moshtari::channel_phone {

enum class TooLong { split, refuse };

struct SmsSettings {
    ProviderProfile profile{};
    Values credentials{};  // by the profile's credential names, read from the environment if so
    std::string from{};
    std::string base_url{};  // the profile's, unless the configuration overrides it
    std::size_t max_parts = 0;
    TooLong on_too_long = TooLong::refuse;
    std::chrono::milliseconds timeout{10'000};
};

struct CallSettings {
    std::string default_assignee{};
    CallPriority default_priority = CallPriority::normal;
};

struct Settings {
    std::string default_region = "GB";
    std::optional<SmsSettings> sms{};  // no `sms:` section, no SMS channel
    CallSettings calls{};

    // `profiles_dir` holds the ready profiles (twilio.yaml, ...). Throws ConfigError at the
    // offending line, of moshtari.yaml or of the profile file.
    static Settings from_config(const ConfigSection& section,
                                const std::filesystem::path& profiles_dir);
};

}  // namespace moshtari::channel_phone
