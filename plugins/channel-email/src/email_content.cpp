#include "email_content.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari::email {

nlohmann::json to_json(const EmailContent& content) {
    return {{"template", content.template_name},
            {"subject", content.subject},
            {"text", content.text},
            {"html", content.html},
            {"to_name", content.to_name},
            {"headers", content.headers}};
}

EmailContent email_content_from_json(const nlohmann::json& json) {
    const auto text = [&](const char* key) {
        if (!json.is_object() || !json.contains(key) || !json.at(key).is_string()) {
            throw UserError(
                fmt::format("the message's content has no text '{}'; it was not "
                            "rendered by channel-email",
                            key));
        }
        return json.at(key).get<std::string>();
    };
    EmailContent content{text("template"), text("subject"), text("text"),
                         text("html"),     text("to_name"), {}};
    if (json.contains("headers")) {
        for (const auto& [name, value] : json.at("headers").items()) {
            if (!value.is_string()) {
                throw UserError(fmt::format("the message's header '{}' is not text", name));
            }
            content.headers.emplace(name, value.get<std::string>());
        }
    }
    return content;
}

}  // namespace moshtari::email
