#pragma once
// How a file's columns become fields, which customers a row matches and what an import may change.
// The same description comes from a mapping file (--mapping), a named mapping in moshtari.yaml
// (data-csv.mappings) or --map options, and `moshtari export` reads it in reverse.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "moshtari/config_section.hpp"
#include "transform.hpp"

namespace moshtari::data_csv {

enum class Entity { customers, orders, interactions, deals };
enum class Mode { create_only, update, merge };
enum class MatchRule { external_id, email, phone };

Entity parse_entity(std::string_view text);
Mode parse_mode(std::string_view text);
std::vector<MatchRule> parse_match_rules(const std::vector<std::string>& names);
const char* to_string(Entity entity);
// The fields an entity has, "attributes.NAME" standing for any custom attribute of a customer.
const std::vector<std::string>& fields_of(Entity entity);

struct ColumnRule {
    std::string column;
    std::string field;
    std::vector<Transform> transforms;
};

struct Mapping {
    std::vector<ColumnRule> columns;
    std::optional<Mode> mode;
    std::optional<std::vector<MatchRule>> match;
    std::optional<bool> extra_as_attributes;
    std::string currency;  // orders, deals: when no column gives one; empty for the workspace's

    // Keys: columns (a list of {column, field, transforms}), mode, match, extra_as_attributes,
    // currency. Without an entity the fields are checked against every entity's. Throws
    // ConfigError at the offending line.
    static Mapping from_section(const ConfigSection& section, std::optional<Entity> entity);
    // "Source Column=field|transform|transform" from --map; throws UserError.
    static ColumnRule parse_rule(std::string_view text, Entity entity);
};

// Throws UserError naming the entity's fields when `field` is not one of them.
void check_field(std::string_view field, Entity entity);

}  // namespace moshtari::data_csv
