#include "field_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "locale_format.hpp"
#include "moshtari/error.hpp"
#include "moshtari/money.hpp"

namespace moshtari::email {

namespace {

constexpr std::array<std::string_view, 10> kCustomerFields = {
    "name",        "given_name", "family_name", "email",           "phone",
    "external_id", "language",   "time_zone",   "lifecycle_stage", "birthday"};

constexpr std::array<std::pair<std::string_view, FieldType>, 5> kTypeNames = {{
    {"text", FieldType::text},
    {"integer", FieldType::integer},
    {"number", FieldType::number},
    {"money", FieldType::money},
    {"date", FieldType::date},
}};

std::optional<std::string> non_empty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

std::optional<std::string> contact(const Customer& customer, ContactKind kind) {
    const ContactPoint* point = customer.primary_contact(kind);
    return point ? non_empty(point->value) : std::nullopt;
}

std::optional<std::string> customer_field(const std::string& field, const Customer& customer,
                                          const std::string& locale) {
    if (field == "name") return non_empty(customer.name);
    if (field == "given_name") return non_empty(customer.given_name);
    if (field == "family_name") return non_empty(customer.family_name);
    if (field == "email") return contact(customer, ContactKind::email);
    if (field == "phone") return contact(customer, ContactKind::phone);
    if (field == "external_id") return non_empty(customer.external_id);
    if (field == "language") return non_empty(customer.language);
    if (field == "time_zone") return non_empty(customer.time_zone);
    if (field == "lifecycle_stage") return non_empty(customer.lifecycle_stage);
    if (field == "birthday" && customer.birthday) {
        return format_long_date(*customer.birthday, locale);
    }
    return std::nullopt;
}

[[noreturn]] void wrong_type(const std::string& field, const AttributeValue& value,
                             std::string_view expected) {
    throw UserError(fmt::format(
        "the attribute '{}' holds {} '{}', but the configuration declares "
        "it {}; fix the customer's attribute or "
        "channel-email.attributes.{}",
        field, attribute_type_name(value), attribute_to_string(value), expected, field));
}

std::string format_attribute(const std::string& field, const AttributeField& spec,
                             const AttributeValue& value, const std::string& locale) {
    switch (spec.type) {
        case FieldType::text:
            return attribute_to_string(value);
        case FieldType::integer:
            if (const auto* n = std::get_if<std::int64_t>(&value))
                return format_integer(*n, locale);
            wrong_type(field, value, "an integer");
        case FieldType::number:
            if (const auto* n = std::get_if<std::int64_t>(&value))
                return format_integer(*n, locale);
            if (const auto* d = std::get_if<double>(&value)) return format_number(*d, locale);
            wrong_type(field, value, "a number");
        case FieldType::money:
            if (const auto* n = std::get_if<std::int64_t>(&value)) {
                return format_money(*n, spec.currency, locale);
            }
            wrong_type(field, value,
                       fmt::format("money (an integer of {} minor units)", spec.currency));
        case FieldType::date:
            if (const auto* text = std::get_if<std::string>(&value)) {
                if (const auto date = parse_date(*text)) return format_long_date(*date, locale);
            }
            wrong_type(field, value, "a date (YYYY-MM-DD)");
    }
    return attribute_to_string(value);
}

}  // namespace

FieldCatalog FieldCatalog::from_config(const ConfigSection& attributes) {
    FieldCatalog catalog;
    for (const auto& name : attributes.keys()) {
        const ConfigSection spec = attributes.child(name);
        spec.allow_only({"type", "currency"});
        const auto type_name = spec.require<std::string>("type");
        const auto known =
            std::find_if(kTypeNames.begin(), kTypeNames.end(),
                         [&](const auto& entry) { return entry.first == type_name; });
        if (known == kTypeNames.end()) {
            spec.fail("type", fmt::format("'{}' is not an attribute type; use text, integer, "
                                          "number, money or date",
                                          type_name));
        }
        AttributeField field{known->second, {}};
        if (field.type == FieldType::money) {
            field.currency = spec.require<std::string>("currency");
            try {
                minor_unit_digits(field.currency);
            } catch (const UserError& error) {
                spec.fail("currency", error.what());
            }
        } else if (spec.has("currency")) {
            spec.fail("currency", "only a money attribute has a currency");
        }
        if (std::find(kCustomerFields.begin(), kCustomerFields.end(), name) !=
                kCustomerFields.end() ||
            name == kUnsubscribeUrlField) {
            spec.fail({}, fmt::format("'{}' is a customer field already; an attribute needs "
                                      "another name",
                                      name));
        }
        catalog.attributes_.emplace(name, field);
    }
    return catalog;
}

void FieldCatalog::check(const TemplateText& text, MessagePurpose purpose,
                         std::vector<ConfigProblem>& problems) const {
    for (const auto& part : text.parts()) {
        const auto* placeholder = std::get_if<Placeholder>(&part);
        if (!placeholder) continue;
        const std::string& field = placeholder->field;
        if (field == kUnsubscribeUrlField) {
            if (purpose == MessagePurpose::transactional) {
                problems.push_back({placeholder->where,
                                    "transactional mail carries no unsubscribe link; remove "
                                    "{{ unsubscribe_url }} or make the template's purpose "
                                    "marketing"});
            }
            continue;
        }
        if (std::find(kCustomerFields.begin(), kCustomerFields.end(), field) !=
                kCustomerFields.end() ||
            attributes_.contains(field)) {
            continue;
        }
        std::string known;
        for (const auto& name : kCustomerFields) known += fmt::format("{}, ", name);
        for (const auto& [name, spec] : attributes_) known += fmt::format("{}, ", name);
        known += kUnsubscribeUrlField;
        problems.push_back({placeholder->where,
                            fmt::format("unknown field '{}'; use one of {} or declare it under "
                                        "channel-email.attributes",
                                        field, known)});
    }
}

std::optional<std::string> FieldCatalog::value(const std::string& field, const Customer& customer,
                                               const std::string& locale) const {
    const auto spec = attributes_.find(field);
    if (spec == attributes_.end()) return customer_field(field, customer, locale);
    const auto stored = customer.attributes.find(field);
    if (stored == customer.attributes.end()) return std::nullopt;
    return format_attribute(field, spec->second, stored->second, locale);
}

}  // namespace moshtari::email
