#pragma once
// How to talk to one SMS provider's HTTP API, read from a YAML profile: the request (method, URL,
// auth, headers, body fields with {placeholders}), how to read its answer (the message id and the
// error text through JSON pointers, which statuses are worth a retry) and its segment limits.
// README.md documents the format.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sms_text.hpp"
#include "status_ranges.hpp"

namespace moshtari::channel_phone {

enum class BodyEncoding { form, json };
enum class TextEncoding { utf8, ucs2_hex };

struct ProviderAuth {
    enum class Kind { none, basic, header } kind = Kind::none;
    std::string first{};   // basic: the user; header: the header's name
    std::string second{};  // basic: the password; header: the header's value
};

using Fields = std::vector<std::pair<std::string, std::string>>;  // in file order

struct ProviderProfile {
    std::string name{};
    std::vector<std::string> credentials{};  // names the configuration must give values for
    std::string method = "POST";
    std::string base_url{};
    std::string path{};
    ProviderAuth auth{};
    Fields headers{};
    BodyEncoding body_encoding = BodyEncoding::form;
    TextEncoding text_encoding = TextEncoding::utf8;
    Fields fields{};
    StatusRanges success{};
    StatusRanges retryable{};
    std::string id_pointer{};          // JSON pointer to the provider's message id
    std::string status_pointer{};      // optional: the provider's own status code in the body
    std::string error_text_pointer{};  // optional
    std::string error_code_pointer{};  // optional
    SegmentRules segments{};

    // Throws ConfigError at the profile file's line and column.
    static ProviderProfile load(const std::filesystem::path& file);
};

// The placeholders every template may use besides the profile's credentials.
const std::vector<std::string>& message_placeholders();

}  // namespace moshtari::channel_phone
