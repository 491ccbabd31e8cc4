#include "provider_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "moshtari/config_section.hpp"
#include "placeholders.hpp"

namespace moshtari::channel_phone {

namespace {

// Fails at `key` unless every placeholder in its value is a message placeholder or a credential.
void check_template(const ConfigSection& section, std::string_view key, const std::string& text,
                    const std::vector<std::string>& credentials) {
    std::vector<std::string> names;
    try {
        names = placeholders_in(text);
    } catch (const UserError& error) {
        section.fail(key, error.what());
    }
    for (const auto& name : names) {
        const auto& known = message_placeholders();
        if (std::find(known.begin(), known.end(), name) != known.end() ||
            std::find(credentials.begin(), credentials.end(), name) != credentials.end()) {
            continue;
        }
        std::string allowed;
        for (const auto& k : known) allowed += fmt::format("{{{}}} ", k);
        for (const auto& c : credentials) allowed += fmt::format("{{{}}} ", c);
        section.fail(key, fmt::format("unknown placeholder {{{}}}; use one of {}(credentials are "
                                      "declared under `credentials`)",
                                      name, allowed));
    }
}

bool is_json_pointer(const std::string& text) {
    if (text.empty() || text.front() != '/') return false;
    try {
        nlohmann::json::json_pointer{text};
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;  // a '~' not followed by 0 or 1
    }
}

std::string json_pointer(const ConfigSection& section, std::string_view key, bool required) {
    const std::string pointer =
        required ? section.require<std::string>(key) : section.get<std::string>(key, "");
    if (!pointer.empty() && !is_json_pointer(pointer)) {
        section.fail(key, fmt::format("'{}' is not a JSON pointer; write it like /sid or "
                                      "/entries/0/messageid",
                                      pointer));
    }
    return pointer;
}

StatusRanges statuses(const ConfigSection& section, std::string_view key,
                      std::vector<std::string> fallback) {
    std::string error;
    auto ranges = StatusRanges::parse(section.get(key, std::move(fallback)), error);
    if (!ranges) section.fail(key, error);
    return *ranges;
}

Fields template_fields(const ConfigSection& section, const std::vector<std::string>& credentials) {
    Fields fields;
    for (const auto& key : section.keys()) {
        const auto value = section.require<std::string>(key);
        check_template(section, key, value, credentials);
        fields.emplace_back(key, value);
    }
    return fields;
}

ProviderAuth read_auth(const ConfigSection& auth, const std::vector<std::string>& credentials) {
    if (auth.empty()) return {};
    const auto type = auth.require<std::string>("type");
    ProviderAuth result;
    if (type == "basic") {
        auth.allow_only({"type", "user", "password"});
        result = {ProviderAuth::Kind::basic, auth.require<std::string>("user"),
                  auth.require<std::string>("password")};
        check_template(auth, "user", result.first, credentials);
        check_template(auth, "password", result.second, credentials);
    } else if (type == "header") {
        auth.allow_only({"type", "header", "value"});
        result = {ProviderAuth::Kind::header, auth.require<std::string>("header"),
                  auth.require<std::string>("value")};
        check_template(auth, "value", result.second, credentials);
    } else {
        auth.fail("type", fmt::format("'{}' is not an auth type; use basic or header", type));
    }
    return result;
}

SegmentSizes segment_sizes(const ConfigSection& section, std::string_view encoding,
                           SegmentSizes fallback) {
    const auto single_key = fmt::format("{}_single", encoding);
    const auto part_key = fmt::format("{}_part", encoding);
    const int single = section.get<int>(single_key, static_cast<int>(fallback.single));
    const int part = section.get<int>(part_key, static_cast<int>(fallback.part));
    if (single < 10) section.fail(single_key, "must be at least 10 characters");
    if (part < 10 || part > single) {
        section.fail(part_key, fmt::format("must be at least 10 and at most {}_single", encoding));
    }
    return {static_cast<std::size_t>(single), static_cast<std::size_t>(part)};
}

}  // namespace

const std::vector<std::string>& message_placeholders() {
    static const std::vector<std::string> names{"to", "from", "text", "message_id", "outbox_id"};
    return names;
}

ProviderProfile ProviderProfile::load(const std::filesystem::path& file) {
    const ConfigSection root = ConfigSection::read_file(file);
    root.allow_only({"name", "credentials", "method", "base_url", "path", "auth", "headers", "body",
                     "response", "segments"});
    ProviderProfile profile;
    profile.name = root.get<std::string>("name", file.stem().string());
    profile.credentials = root.get<std::vector<std::string>>("credentials", {});
    for (const auto& name : profile.credentials) {
        const auto& reserved = message_placeholders();
        if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) {
            root.fail("credentials",
                      fmt::format("'{}' is a message placeholder, not a credential", name));
        }
    }
    profile.method = root.get<std::string>("method", profile.method);
    if (profile.method != "POST" && profile.method != "GET" && profile.method != "PUT") {
        root.fail("method",
                  fmt::format("'{}' is not a method; use POST, PUT or GET", profile.method));
    }
    profile.base_url = root.require<std::string>("base_url");
    if (!is_http_url(profile.base_url)) {
        root.fail("base_url",
                  fmt::format("'{}' is not an http:// or https:// URL", profile.base_url));
    }
    profile.path = root.require<std::string>("path");
    check_template(root, "path", profile.path, profile.credentials);
    profile.auth = read_auth(root.child("auth"), profile.credentials);
    profile.headers = template_fields(root.child("headers"), profile.credentials);

    if (!root.has("body")) root.fail("body", "is needed: the request body's encoding and fields");
    const ConfigSection body = root.child("body");
    body.allow_only({"encoding", "text", "fields"});
    const auto encoding = body.get<std::string>("encoding", "form");
    if (encoding != "form" && encoding != "json") {
        body.fail("encoding",
                  fmt::format("'{}' is not a body encoding; use form or json", encoding));
    }
    if (encoding == "json" && profile.method == "GET") {
        body.fail("encoding", "a GET request has no body; its fields go in the query, so use form");
    }
    profile.body_encoding = encoding == "form" ? BodyEncoding::form : BodyEncoding::json;
    const auto text = body.get<std::string>("text", "utf-8");
    if (text != "utf-8" && text != "ucs2-hex") {
        body.fail("text", fmt::format("'{}' is not a text encoding; use utf-8 or ucs2-hex", text));
    }
    profile.text_encoding = text == "utf-8" ? TextEncoding::utf8 : TextEncoding::ucs2_hex;
    if (!body.has("fields")) body.fail("fields", "is needed: the body's fields with placeholders");
    profile.fields = template_fields(body.child("fields"), profile.credentials);

    const ConfigSection response = root.child("response");
    response.allow_only({"success", "retryable", "id", "status", "error_text", "error_code"});
    profile.success = statuses(response, "success", {"200-299"});
    profile.retryable = statuses(response, "retryable", {"429", "500-599"});
    profile.id_pointer = json_pointer(response, "id", true);
    profile.status_pointer = json_pointer(response, "status", false);
    profile.error_text_pointer = json_pointer(response, "error_text", false);
    profile.error_code_pointer = json_pointer(response, "error_code", false);

    const ConfigSection segments = root.child("segments");
    segments.allow_only({"max_parts", "gsm7_single", "gsm7_part", "ucs2_single", "ucs2_part"});
    const int max_parts = segments.get<int>("max_parts", 10);
    if (max_parts < 1) segments.fail("max_parts", "must be at least 1");
    profile.segments.max_parts = static_cast<std::size_t>(max_parts);
    profile.segments.gsm7 = segment_sizes(segments, "gsm7", profile.segments.gsm7);
    profile.segments.ucs2 = segment_sizes(segments, "ucs2", profile.segments.ucs2);
    return profile;
}

}  // namespace moshtari::channel_phone
