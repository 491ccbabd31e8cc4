#include "settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "http_client.hpp"
#include "moshtari/error.hpp"
#include "phone_numbers.hpp"

namespace moshtari::channel_phone {

namespace {

constexpr const char* kReadyProfiles[] = {"twilio", "kavenegar"};

std::filesystem::path profile_file(const ConfigSection& sms,
                                   const std::filesystem::path& profiles_dir) {
    const auto name = sms.require<std::string>("profile");
    const bool ready = std::find(std::begin(kReadyProfiles), std::end(kReadyProfiles), name) !=
                       std::end(kReadyProfiles);
    if (ready) return profiles_dir / (name + ".yaml");
    if (name.find('/') == std::string::npos && !name.ends_with(".yaml")) {
        sms.fail("profile", fmt::format("'{}' is not a ready profile; use twilio, kavenegar or the "
                                        "path of a profile file (ending in .yaml)",
                                        name));
    }
    std::filesystem::path file(name);
    if (file.is_relative()) {
        file = std::filesystem::path(sms.location("profile").file).parent_path() / file;
    }
    if (!std::filesystem::exists(file)) {
        sms.fail("profile", fmt::format("the profile file {} does not exist", file.string()));
    }
    return file;
}

Values read_credentials(const ConfigSection& sms, const ProviderProfile& profile) {
    const ConfigSection credentials = sms.child("credentials");
    std::vector<std::string> allowed;
    for (const auto& name : profile.credentials) {
        allowed.push_back(name);
        allowed.push_back(name + "_env");
    }
    credentials.allow_only(allowed);
    Values values;
    for (const auto& name : profile.credentials) {
        const auto env_key = name + "_env";
        if (credentials.has(name) && credentials.has(env_key)) {
            credentials.fail(env_key, fmt::format("give {} or {}, not both", name, env_key));
        }
        if (credentials.has(env_key)) {
            const auto variable = credentials.require<std::string>(env_key);
            const char* value = std::getenv(variable.c_str());
            if (value == nullptr || *value == '\0') {
                credentials.fail(env_key,
                                 fmt::format("the environment variable {} is not set", variable));
            }
            values[name] = value;
        } else if (credentials.has(name)) {
            values[name] = credentials.require<std::string>(name);
        } else {
            sms.fail("credentials", fmt::format("the {} profile needs {} (or {}, naming an "
                                                "environment variable that holds it)",
                                                profile.name, name, env_key));
        }
    }
    return values;
}

bool uses_from(const ProviderProfile& profile) {
    const auto uses = [](const Fields& fields) {
        return std::any_of(fields.begin(), fields.end(), [](const auto& field) {
            return field.second.find("{from}") != std::string::npos;
        });
    };
    return uses(profile.fields) || uses(profile.headers) ||
           profile.path.find("{from}") != std::string::npos;
}

SmsSettings read_sms(const ConfigSection& sms, const std::filesystem::path& profiles_dir) {
    sms.allow_only(
        {"profile", "base_url", "credentials", "from", "max_parts", "on_too_long", "timeout"});
    SmsSettings settings;
    settings.profile = ProviderProfile::load(profile_file(sms, profiles_dir));
    settings.base_url = sms.get<std::string>("base_url", settings.profile.base_url);
    if (!is_http_url(settings.base_url)) {
        sms.fail("base_url",
                 fmt::format("'{}' is not an http:// or https:// URL", settings.base_url));
    }
    while (settings.base_url.ends_with('/')) settings.base_url.pop_back();
    settings.credentials = read_credentials(sms, settings.profile);
    settings.from = sms.get<std::string>("from", "");
    if (settings.from.empty() && uses_from(settings.profile)) {
        sms.fail(sms.has("from") ? "from" : "",
                 fmt::format("the {} profile sends a sender, so `from` is needed: your number "
                             "or sender id at the provider",
                             settings.profile.name));
    }
    const auto limit = static_cast<int>(settings.profile.segments.max_parts);
    const int max_parts = sms.get<int>("max_parts", limit);
    if (max_parts < 1 || max_parts > limit) {
        sms.fail("max_parts", fmt::format("must be from 1 to {}, the {} profile's limit", limit,
                                          settings.profile.name));
    }
    settings.max_parts = static_cast<std::size_t>(max_parts);
    const auto too_long = sms.get<std::string>("on_too_long", "refuse");
    if (too_long != "split" && too_long != "refuse") {
        sms.fail("on_too_long", fmt::format("'{}' is not known; use split or refuse", too_long));
    }
    settings.on_too_long = too_long == "split" ? TooLong::split : TooLong::refuse;
    const double timeout = sms.get<double>("timeout", 10.0);
    if (!(timeout > 0 && timeout <= 300)) {
        sms.fail("timeout", "must be more than 0 and at most 300 seconds");
    }
    settings.timeout = std::chrono::milliseconds(std::lround(timeout * 1000));
    return settings;
}

}  // namespace

Settings Settings::from_config(const ConfigSection& section,
                               const std::filesystem::path& profiles_dir) {
    section.allow_only({"default_region", "sms", "calls"});
    Settings settings;
    settings.default_region = section.get<std::string>("default_region", settings.default_region);
    try {
        PhoneNumbers{settings.default_region};
    } catch (const UserError& error) {
        section.fail("default_region", error.what());
    }
    if (section.has("sms")) settings.sms = read_sms(section.child("sms"), profiles_dir);
    const ConfigSection calls = section.child("calls");
    calls.allow_only({"default_assignee", "default_priority"});
    settings.calls.default_assignee = calls.get<std::string>("default_assignee", "");
    try {
        settings.calls.default_priority =
            parse_call_priority(calls.get<std::string>("default_priority", "normal"));
    } catch (const UserError& error) {
        calls.fail("default_priority", error.what());
    }
    return settings;
}

}  // namespace moshtari::channel_phone
