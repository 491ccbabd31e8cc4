#include "settings.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "locale_format.hpp"
#include "moshtari/error.hpp"

namespace moshtari::email {

namespace {

bool plausible_address(const std::string& address) {
    const auto at = address.find('@');
    return at != std::string::npos && at > 0 && at + 1 < address.size() &&
           address.find_first_of(" \t\r\n<>\",") == std::string::npos;
}

std::chrono::seconds positive_seconds(const ConfigSection& section, std::string_view key,
                                      std::chrono::seconds fallback) {
    const int value = section.get<int>(key, static_cast<int>(fallback.count()));
    if (value < 1) section.fail(key, fmt::format("must be at least 1 second, got {}", value));
    return std::chrono::seconds{value};
}

SmtpSettings read_smtp(const ConfigSection& section) {
    section.allow_only({"url", "starttls", "username", "password", "password_env", "ca_file",
                        "verify_peer", "connect_timeout_seconds", "timeout_seconds"});
    SmtpSettings smtp;
    smtp.url = section.require<std::string>("url");
    if (!smtp.url.starts_with("smtp://") && !smtp.url.starts_with("smtps://")) {
        section.fail("url", fmt::format("'{}' is not an SMTP URL; write smtp://host:587 (STARTTLS) "
                                        "or smtps://host:465 (implicit TLS)",
                                        smtp.url));
    }
    const auto starttls = section.get<std::string>("starttls", "required");
    if (starttls == "required") {
        smtp.starttls = StartTls::required;
    } else if (starttls == "optional") {
        smtp.starttls = StartTls::optional;
    } else {
        section.fail("starttls", fmt::format("'{}' is not a STARTTLS policy; use required or "
                                             "optional",
                                             starttls));
    }
    if (smtp.implicit_tls() && section.has("starttls")) {
        section.fail("starttls", "an smtps:// URL is TLS from the first byte; remove starttls");
    }
    smtp.username = section.get<std::string>("username", "");
    if (section.has("password") && section.has("password_env")) {
        section.fail("password_env", "give password or password_env, not both");
    }
    if (section.has("password")) smtp.password = section.get<std::string>("password", "");
    smtp.password_env = section.get<std::string>("password_env", "");
    if ((smtp.password || !smtp.password_env.empty()) && smtp.username.empty()) {
        section.fail(section.has("password") ? "password" : "password_env",
                     "a password needs a username");
    }
    smtp.ca_file = section.get<std::string>("ca_file", "");
    if (!smtp.ca_file.empty()) {
        const std::filesystem::path file =
            std::filesystem::path(section.location("ca_file").file).parent_path() / smtp.ca_file;
        if (!std::filesystem::is_regular_file(file)) {
            section.fail("ca_file", fmt::format("{} is not a file; give the PEM file of the CA "
                                                "that signed the server's certificate",
                                                file.string()));
        }
        smtp.ca_file = file.string();
    }
    smtp.verify_peer = section.get<bool>("verify_peer", true);
    smtp.connect_timeout =
        positive_seconds(section, "connect_timeout_seconds", smtp.connect_timeout);
    smtp.timeout = positive_seconds(section, "timeout_seconds", smtp.timeout);
    return smtp;
}

Sender read_sender(const ConfigSection& section) {
    section.allow_only({"address", "name"});
    Sender from{section.require<std::string>("address"), section.get<std::string>("name", "")};
    if (!plausible_address(from.address)) {
        section.fail("address", fmt::format("'{}' is not an email address", from.address));
    }
    if (from.name.find_first_of("\r\n") != std::string::npos) {
        section.fail("name", "must be one line");
    }
    return from;
}

Unsubscribe read_unsubscribe(const ConfigSection& section) {
    section.allow_only({"url", "mailto"});
    Unsubscribe unsubscribe{section.get<std::string>("url", ""),
                            section.get<std::string>("mailto", "")};
    // RFC 8058 one-click unsubscribing is defined for HTTPS only.
    if (!unsubscribe.url.empty() && !unsubscribe.url.starts_with("https://")) {
        section.fail("url", fmt::format("'{}' must be an https:// URL (RFC 8058); the token is "
                                        "appended to it",
                                        unsubscribe.url));
    }
    if (!unsubscribe.mailto.empty() && !plausible_address(unsubscribe.mailto)) {
        section.fail("mailto", fmt::format("'{}' is not an email address", unsubscribe.mailto));
    }
    return unsubscribe;
}

MessagePurpose read_purpose(const ConfigSection& section) {
    const auto purpose = section.require<std::string>("purpose");
    if (purpose == "marketing") return MessagePurpose::marketing;
    if (purpose == "transactional") return MessagePurpose::transactional;
    section.fail("purpose",
                 fmt::format("'{}' is not a purpose; use marketing or transactional", purpose));
}

EmailTemplate read_template(const std::string& name, const ConfigSection& section,
                            const FieldCatalog& fields, const Unsubscribe& unsubscribe,
                            std::vector<ConfigProblem>& problems) {
    section.allow_only({"subject", "text", "html", "purpose"});
    EmailTemplate result;
    result.name = name;
    result.purpose = read_purpose(section);
    if (result.purpose == MessagePurpose::marketing && unsubscribe.url.empty() &&
        unsubscribe.mailto.empty()) {
        section.fail("purpose",
                     "marketing mail needs an unsubscribe link; set "
                     "channel-email.unsubscribe.url or .mailto");
    }
    const auto subject = section.require<std::string>("subject");
    if (subject.find_first_of("\r\n") != std::string::npos) {
        section.fail("subject", "must be one line");
    }
    result.subject = TemplateText::parse(subject, section.location("subject"), problems);
    const auto read_file = [&](std::string_view key) {
        const ConfigLocation where = section.location(key);
        const std::filesystem::path file =
            std::filesystem::path(where.file).parent_path() / section.require<std::string>(key);
        return TemplateText::read_file(file, where, problems);
    };
    result.text = read_file("text");
    result.html = read_file("html");
    for (const TemplateText* text : {&result.subject, &result.text, &result.html}) {
        fields.check(*text, result.purpose, problems);
    }
    return result;
}

}  // namespace

std::string SmtpSettings::resolve_password() const {
    if (password) return *password;
    if (password_env.empty()) return {};
    const char* value = std::getenv(password_env.c_str());
    if (value == nullptr) {
        throw UserError(
            fmt::format("the environment variable {} (channel-email.smtp.password_env) "
                        "is not set; set it to the SMTP password",
                        password_env));
    }
    return value;
}

Settings Settings::from_config(const ConfigSection& section) {
    section.allow_only({"smtp", "from", "locale", "unsubscribe", "attributes", "templates",
                        "soft_bounce_threshold"});
    Settings settings;
    if (!section.has("smtp")) section.fail("smtp", "missing required section: smtp: {url: ...}");
    settings.smtp = read_smtp(section.child("smtp"));
    if (!section.has("from"))
        section.fail("from", "missing required section: from: {address: ...}");
    settings.from = read_sender(section.child("from"));
    settings.locale = section.get<std::string>("locale", settings.locale);
    if (!is_valid_locale(settings.locale)) {
        section.fail("locale", fmt::format("'{}' is not a language tag such as en-US or fa-IR",
                                           settings.locale));
    }
    settings.unsubscribe = read_unsubscribe(section.child("unsubscribe"));
    settings.fields = FieldCatalog::from_config(section.child("attributes"));
    settings.soft_bounce_threshold =
        section.get<int>("soft_bounce_threshold", settings.soft_bounce_threshold);
    if (settings.soft_bounce_threshold < 1) {
        section.fail("soft_bounce_threshold", "must be at least 1 bounce");
    }
    std::vector<ConfigProblem> problems;
    const ConfigSection templates = section.child("templates");
    for (const auto& name : templates.keys()) {
        settings.templates.emplace(name, read_template(name, templates.child(name), settings.fields,
                                                       settings.unsubscribe, problems));
    }
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return settings;
}

const EmailTemplate& Settings::find_template(const std::string& name) const {
    if (const auto found = templates.find(name); found != templates.end()) return found->second;
    std::string known;
    for (const auto& [key, spec] : templates) known += (known.empty() ? "" : ", ") + key;
    throw UserError(
        fmt::format("no email template '{}'; the configured ones are: {}", name,
                    known.empty() ? "(none; add them under channel-email.templates)" : known));
}

}  // namespace moshtari::email
