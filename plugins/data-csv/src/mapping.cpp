#include "mapping.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "moshtari/error.hpp"
#include "text.hpp"

namespace moshtari::data_csv {

namespace {

constexpr std::string_view kAttributePrefix = "attributes.";
constexpr Entity kEntities[] = {Entity::customers, Entity::orders, Entity::interactions,
                                Entity::deals};

bool has_field(std::string_view field, Entity entity) {
    if (entity == Entity::customers && field.starts_with(kAttributePrefix) &&
        field.size() > kAttributePrefix.size()) {
        return true;
    }
    const auto& fields = fields_of(entity);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace

Entity parse_entity(std::string_view text) {
    for (const Entity entity : kEntities) {
        if (text == to_string(entity)) return entity;
    }
    throw UserError(fmt::format(
        "'{}' cannot be imported or exported; use customers, orders, interactions or deals", text));
}

Mode parse_mode(std::string_view text) {
    if (text == "create-only") return Mode::create_only;
    if (text == "update") return Mode::update;
    if (text == "merge") return Mode::merge;
    throw UserError(
        fmt::format("'{}' is not an import mode; use create-only, update or merge", text));
}

std::vector<MatchRule> parse_match_rules(const std::vector<std::string>& names) {
    std::vector<MatchRule> rules;
    for (const auto& name : names) {
        if (name == "external_id") {
            rules.push_back(MatchRule::external_id);
        } else if (name == "email") {
            rules.push_back(MatchRule::email);
        } else if (name == "phone") {
            rules.push_back(MatchRule::phone);
        } else {
            throw UserError(fmt::format(
                "'{}' is not a matching rule; use external_id, email or phone, in the order to "
                "try them",
                name));
        }
    }
    return rules;
}

const char* to_string(Entity entity) {
    switch (entity) {
        case Entity::customers:
            return "customers";
        case Entity::orders:
            return "orders";
        case Entity::interactions:
            return "interactions";
        case Entity::deals:
            return "deals";
    }
    return "customers";
}

const std::vector<std::string>& fields_of(Entity entity) {
    static const std::vector<std::string> kCustomerFields{
        "external_id", "name",     "given_name", "family_name", "kind", "email",
        "phone",       "language", "time_zone",  "birthday",    "tags", "attributes.NAME"};
    static const std::vector<std::string> kOrderFields{
        "external_id", "customer_external_id", "at",       "total",      "currency", "cancelled",
        "sku",         "description",          "quantity", "unit_price", "category"};
    static const std::vector<std::string> kInteractionFields{"external_id",
                                                             "customer_external_id",
                                                             "customer_email",
                                                             "channel",
                                                             "kind",
                                                             "direction",
                                                             "at",
                                                             "outcome",
                                                             "text"};
    static const std::vector<std::string> kDealFields{"external_id",    "customer_external_id",
                                                      "customer_email", "title",
                                                      "pipeline",       "stage",
                                                      "value",          "currency",
                                                      "owner",          "expected_close",
                                                      "created_at"};
    switch (entity) {
        case Entity::customers:
            return kCustomerFields;
        case Entity::orders:
            return kOrderFields;
        case Entity::interactions:
            return kInteractionFields;
        case Entity::deals:
            return kDealFields;
    }
    return kCustomerFields;
}

void check_field(std::string_view field, Entity entity) {
    if (!has_field(field, entity)) {
        throw UserError(fmt::format("'{}' is not a field of {}; use one of {}", field,
                                    to_string(entity), fmt::join(fields_of(entity), ", ")));
    }
}

ColumnRule Mapping::parse_rule(std::string_view text, Entity entity) {
    const auto equals = text.rfind('=', text.find('|'));
    if (equals == std::string_view::npos || equals == 0) {
        throw UserError(
            fmt::format("--map '{}' needs the form 'Source Column=field|transform...', as in "
                        "'E-mail=email|trim|lowercase'",
                        text));
    }
    auto parts = split(text.substr(equals + 1), '|');
    ColumnRule rule{std::string(text.substr(0, equals)), trimmed(parts.front()), {}};
    check_field(rule.field, entity);
    parts.erase(parts.begin());
    rule.transforms = parse_transforms(parts);
    return rule;
}

Mapping Mapping::from_section(const ConfigSection& section, std::optional<Entity> entity) {
    section.allow_only({"columns", "mode", "match", "extra_as_attributes", "currency"});
    Mapping mapping;
    // The section's own messages carry file:line:column; a UserError from the parsers below is
    // re-raised at the key it came from.
    const auto at = [](const ConfigSection& where, std::string_view key, auto parse) {
        try {
            return parse();
        } catch (const ConfigError&) {
            throw;
        } catch (const UserError& error) {
            where.fail(key, error.what());
        }
    };
    for (const auto& column : section.list("columns")) {
        column.allow_only({"column", "field", "transforms"});
        ColumnRule rule{
            column.require<std::string>("column"), column.require<std::string>("field"), {}};
        at(column, "field", [&] {
            if (entity) {
                check_field(rule.field, *entity);
            } else if (std::none_of(std::begin(kEntities), std::end(kEntities),
                                    [&](Entity e) { return has_field(rule.field, e); })) {
                check_field(rule.field, Entity::customers);
            }
            return 0;
        });
        rule.transforms = at(column, "transforms", [&] {
            return parse_transforms(column.get<std::vector<std::string>>("transforms", {}));
        });
        mapping.columns.push_back(std::move(rule));
    }
    if (section.has("mode")) {
        mapping.mode =
            at(section, "mode", [&] { return parse_mode(section.require<std::string>("mode")); });
    }
    if (section.has("match")) {
        mapping.match = at(section, "match", [&] {
            return parse_match_rules(section.require<std::vector<std::string>>("match"));
        });
    }
    if (section.has("extra_as_attributes")) {
        mapping.extra_as_attributes = section.require<bool>("extra_as_attributes");
    }
    mapping.currency = section.get<std::string>("currency", "");
    return mapping;
}

}  // namespace moshtari::data_csv
