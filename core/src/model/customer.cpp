#include "moshtari/customer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/error.hpp"

namespace moshtari {

const ContactPoint* Customer::primary_contact(ContactKind kind) const {
    const ContactPoint* first = nullptr;
    for (const auto& c : contacts) {
        if (c.kind != kind) continue;
        if (c.primary) return &c;
        if (!first) first = &c;
    }
    return first;
}

bool Customer::has_consent(std::string_view channel) const {
    const Consent* latest = nullptr;
    for (const auto& c : consents) {
        if (c.channel == channel && (!latest || c.at >= latest->at)) latest = &c;
    }
    return latest && latest->granted;
}

const char* to_string(CustomerKind kind) {
    return kind == CustomerKind::person ? "person" : "company";
}
const char* to_string(ContactKind kind) {
    return kind == ContactKind::email ? "email" : "phone";
}

CustomerKind parse_customer_kind(std::string_view text) {
    if (text == "person") return CustomerKind::person;
    if (text == "company") return CustomerKind::company;
    throw UserError(fmt::format("customer kind '{}' is not known; use person or company", text));
}

ContactKind parse_contact_kind(std::string_view text) {
    if (text == "email") return ContactKind::email;
    if (text == "phone") return ContactKind::phone;
    throw UserError(fmt::format("contact kind '{}' is not known; use email or phone", text));
}

}  // namespace moshtari
