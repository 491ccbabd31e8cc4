#pragma once
// The plugin's section of moshtari.yaml (every key is documented in the plugin's README.md).
// Everything is checked when the configuration is read, template files included.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "field_catalog.hpp"
#include "moshtari/channel.hpp"
#include "moshtari/config_section.hpp"
#include "template_text.hpp"

namespace moshtari::email {

enum class StartTls { required, optional };

struct SmtpSettings {
    std::string url;  // smtp://host[:port] or smtps://host[:port]
    StartTls starttls = StartTls::required;
    std::string username;
    std::optional<std::string> password;  // `password:` as written
    std::string password_env;             // or the environment variable holding it
    std::string ca_file;
    bool verify_peer = true;
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds timeout{60};  // one whole message, from connecting to the final reply

    bool implicit_tls() const { return url.starts_with("smtps://"); }
    // `password`, else the environment variable's value; empty without credentials. Throws
    // UserError when password_env names an unset variable.
    std::string resolve_password() const;
};

struct Sender {
    std::string address;
    std::string name;
};

struct Unsubscribe {
    std::string url;     // the token is appended: "https://shop.example/unsubscribe?token="
    std::string mailto;  // an address that honours "unsubscribe TOKEN" in the subject
};

struct EmailTemplate {
    std::string name;
    MessagePurpose purpose = MessagePurpose::marketing;
    TemplateText subject;
    TemplateText text;
    TemplateText html;
};

struct Settings {
    SmtpSettings smtp;
    Sender from;
    std::string locale = "en-US";  // for customers without a language of their own
    Unsubscribe unsubscribe;
    FieldCatalog fields;
    std::map<std::string, EmailTemplate> templates;
    int soft_bounce_threshold = 3;

    // Throws ConfigError at the offending line; template problems name the template file's line.
    static Settings from_config(const ConfigSection& section);
    // Throws UserError naming the configured templates when `name` is not one of them.
    const EmailTemplate& find_template(const std::string& name) const;
};

}  // namespace moshtari::email
