#include "renderer.hpp"

#include <fmt/format.h>

#include "moshtari/error.hpp"

namespace moshtari::email {

namespace {

std::string html_escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// A value in a header must not start a new header line.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\r' || c == '\n') c = ' ';
    }
    return text;
}

std::string unsubscribe_mailto(const std::string& address, const std::string& token) {
    return fmt::format("mailto:{}?subject=unsubscribe%20{}", address, token);
}

}  // namespace

EmailContent Renderer::render(const EmailTemplate& spec, const Customer& customer,
                              const std::string& unsubscribe_token) const {
    const std::string& locale = customer.language.empty() ? settings_.locale : customer.language;
    const Unsubscribe& unsubscribe = settings_.unsubscribe;
    const bool marketing = spec.purpose == MessagePurpose::marketing;
    const std::string unsubscribe_url =
        !marketing                 ? std::string()
        : !unsubscribe.url.empty() ? unsubscribe.url + unsubscribe_token
                                   : unsubscribe_mailto(unsubscribe.mailto, unsubscribe_token);
    std::vector<std::string> missing;
    const auto value = [&](const Placeholder& placeholder) -> std::string {
        if (placeholder.field == kUnsubscribeUrlField) return unsubscribe_url;
        if (auto found = settings_.fields.value(placeholder.field, customer, locale)) return *found;
        if (placeholder.fallback) return *placeholder.fallback;
        missing.push_back(fmt::format("{} ({}:{}:{})", placeholder.field, placeholder.where.file,
                                      placeholder.where.line, placeholder.where.column));
        return {};
    };
    EmailContent content;
    content.template_name = spec.name;
    content.subject = one_line(spec.subject.render(value));
    content.text = spec.text.render(value);
    content.html = spec.html.render(
        [&](const Placeholder& placeholder) { return html_escaped(value(placeholder)); });
    if (!missing.empty()) {
        std::string names;
        for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
        throw UserError(fmt::format(
            "customer {} ({}) has no value for {}; fill it in or give the placeholder a fallback "
            "such as {{{{ given_name | \"friend\" }}}}",
            customer.id, customer.name, names));
    }
    content.to_name = one_line(customer.name);
    if (marketing) {
        std::string links;
        if (!unsubscribe.url.empty()) links = "<" + unsubscribe.url + unsubscribe_token + ">";
        if (!unsubscribe.mailto.empty()) {
            links += (links.empty() ? "<" : ", <") +
                     unsubscribe_mailto(unsubscribe.mailto, unsubscribe_token) + ">";
        }
        content.headers.emplace("List-Unsubscribe", links);
        // RFC 8058: one click on the https link unsubscribes, without a mail client.
        if (!unsubscribe.url.empty()) {
            content.headers.emplace("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }
    return content;
}

}  // namespace moshtari::email
