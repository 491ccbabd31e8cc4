#include "sms_gateway.hpp"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "placeholders.hpp"

namespace moshtari::channel_phone {

namespace {

// RFC 3986 percent-encoding of UTF-8 bytes: what form bodies and URL paths carry.
std::string percent_encode(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += fmt::format("%{:02X}", byte);
        }
    }
    return out;
}

std::string form_body(const Fields& fields, const Values& values) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) body += '&';
        body += percent_encode(name) + '=' + percent_encode(render(value, values));
    }
    return body;
}

std::string json_body(const Fields& fields, const Values& values) {
    nlohmann::ordered_json body = nlohmann::ordered_json::object();  // in the profile's order
    for (const auto& [name, value] : fields) body[name] = render(value, values);
    return body.dump();
}

// The value at `pointer` as text ("" when absent): providers give ids as strings or numbers.
std::string text_at(const nlohmann::json& body, const std::string& pointer) {
    if (pointer.empty() || !body.is_object()) return "";
    const nlohmann::json::json_pointer at(pointer);
    if (!body.contains(at)) return "";
    const auto& value = body.at(at);
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

}  // namespace

HttpRequest SmsGateway::request_for(const SmsToSend& message) const {
    const ProviderProfile& profile = settings_.profile;
    Values values = settings_.credentials;
    values["to"] = message.to;
    values["from"] = settings_.from;
    values["text"] =
        profile.text_encoding == TextEncoding::utf8 ? message.text : ucs2_hex(message.text);
    values["message_id"] = message.message_id;
    values["outbox_id"] = std::to_string(message.outbox_id);

    Values in_path;
    for (const auto& [name, value] : values) in_path[name] = percent_encode(value);
    HttpRequest request;
    request.method = profile.method;
    request.url = settings_.base_url + render(profile.path, in_path);
    for (const auto& [name, value] : profile.headers) {
        request.headers.push_back(fmt::format("{}: {}", name, render(value, values)));
    }
    if (profile.method == "GET") {
        request.url += '?' + form_body(profile.fields, values);  // a GET's fields are its query
    } else if (profile.body_encoding == BodyEncoding::form) {
        request.headers.emplace_back("Content-Type: application/x-www-form-urlencoded");
        request.body = form_body(profile.fields, values);
    } else {
        request.headers.emplace_back("Content-Type: application/json; charset=utf-8");
        request.body = json_body(profile.fields, values);
    }
    if (profile.auth.kind == ProviderAuth::Kind::basic) {
        request.basic_auth.emplace(render(profile.auth.first, values),
                                   render(profile.auth.second, values));
    } else if (profile.auth.kind == ProviderAuth::Kind::header) {
        request.headers.push_back(
            fmt::format("{}: {}", profile.auth.first, render(profile.auth.second, values)));
    }
    return request;
}

DeliveryResult SmsGateway::result_of(const HttpResponse& response) const {
    const ProviderProfile& profile = settings_.profile;
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    long status = response.status;
    // A provider that reports its own status in the body (Kavenegar's /return/status) is judged
    // by it when the HTTP layer says all is well.
    if (const auto own = text_at(body, profile.status_pointer);
        !own.empty() && profile.success.contains(response.status)) {
        try {
            status = std::stol(own);
        } catch (const std::exception&) {
            return {DeliveryOutcome::rejected, "",
                    fmt::format("HTTP {}: the provider's status at {} is '{}', not a number",
                                response.status, profile.status_pointer, own)};
        }
    }
    if (profile.success.contains(status)) {
        const auto id = text_at(body, profile.id_pointer);
        return {DeliveryOutcome::sent, id,
                id.empty() ? fmt::format("accepted (HTTP {}) without an id at {}", response.status,
                                         profile.id_pointer)
                           : ""};
    }
    std::string words = text_at(body, profile.error_text_pointer);
    if (words.empty()) words = response.body.substr(0, 300);
    const auto code = text_at(body, profile.error_code_pointer);
    std::string detail = fmt::format("HTTP {}", response.status);
    if (status != response.status) detail += fmt::format(" (provider status {})", status);
    if (!code.empty() && code != std::to_string(status)) detail += fmt::format(", code {}", code);
    if (!words.empty()) detail += ": " + words;
    return {
        profile.retryable.contains(status) ? DeliveryOutcome::retryable : DeliveryOutcome::rejected,
        "", detail};
}

}  // namespace moshtari::channel_phone
