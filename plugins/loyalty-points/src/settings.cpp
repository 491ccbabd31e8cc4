#include "settings.hpp"

#include <fmt/format.h>

#include <set>

#include "moshtari/error.hpp"

namespace moshtari::loyalty {

namespace {

Ratio read_ratio(const ConfigSection& section, std::string_view key, Ratio fallback) {
    if (!section.has(key)) return fallback;
    Ratio ratio;
    if (!parse_ratio(section.get<std::string>(key, ""), ratio)) {
        section.fail(key, "expected a non-negative decimal number such as 1 or 0.5");
    }
    return ratio;
}

std::int64_t read_count(const ConfigSection& section, std::string_view key, std::int64_t fallback,
                        std::int64_t minimum = 0) {
    const auto value = section.get<std::int64_t>(key, fallback);
    if (value < minimum)
        section.fail(key, fmt::format("must be at least {}, got {}", minimum, value));
    return value;
}

template <class Enum, std::size_t N>
Enum read_choice(const ConfigSection& section, std::string_view key, Enum fallback,
                 const std::pair<std::string_view, Enum> (&choices)[N]) {
    if (!section.has(key)) return fallback;
    const auto text = section.get<std::string>(key, "");
    std::string names;
    for (const auto& [name, value] : choices) {
        if (text == name) return value;
        names += (names.empty() ? "" : ", ") + std::string(name);
    }
    section.fail(key, fmt::format("'{}' is not one of {}", text, names));
}

Money read_money(const ConfigSection& section, std::string_view key, const std::string& currency,
                 std::int64_t fallback_minor) {
    if (!section.has(key)) return Money{fallback_minor, currency};
    try {
        return parse_money(section.get<std::string>(key, ""), currency);
    } catch (const UserError& e) {
        section.fail(key, e.what());
    }
}

EarnRules read_earn_rules(const ConfigSection& section, const std::string& currency) {
    section.allow_only({"points_per_unit", "rounding", "minimum_order", "tag_multipliers",
                        "category_multipliers", "cap_per_order"});
    EarnRules rules;
    rules.points_per_unit = read_ratio(section, "points_per_unit", rules.points_per_unit);
    rules.rounding = read_choice(section, "rounding", Rounding::down,
                                 {std::pair{std::string_view("down"), Rounding::down},
                                  {"nearest", Rounding::nearest},
                                  {"up", Rounding::up}});
    rules.minimum_order_minor = read_money(section, "minimum_order", currency, 0).minor_units;
    const ConfigSection tags = section.child("tag_multipliers");
    for (const auto& tag : tags.keys()) rules.tag_multipliers[tag] = read_ratio(tags, tag, {});
    const ConfigSection categories = section.child("category_multipliers");
    for (const auto& category : categories.keys()) {
        rules.category_multipliers[category] = read_ratio(categories, category, {});
    }
    rules.cap_per_order = read_count(section, "cap_per_order", 0);
    return rules;
}

void read_bonuses(const ConfigSection& section, Programme& programme) {
    section.allow_only({"first_order", "birthday", "by_hand"});
    programme.first_order_bonus = read_count(section, "first_order", 0);
    programme.birthday_bonus = read_count(section, "birthday", 0);
    const ConfigSection by_hand = section.child("by_hand");
    for (const auto& name : by_hand.keys()) {
        if (name.find_first_of(" :\t") != std::string::npos) {
            by_hand.fail(name, "a bonus's name has no spaces or ':'; write it like 'review'");
        }
        programme.bonuses[name] = read_count(by_hand, name, 0, 1);
    }
}

void read_redemption(const ConfigSection& section, Programme& programme) {
    section.allow_only({"points", "value", "minimum"});
    programme.redeem_points = read_count(section, "points", programme.redeem_points, 1);
    programme.redeem_value = read_money(section, "value", programme.currency, 100);
    if (programme.redeem_value.minor_units <= 0) section.fail("value", "must be more than zero");
    programme.minimum_redemption = read_count(section, "minimum", programme.minimum_redemption, 1);
}

Programme read_programme(const ConfigSection& section) {
    section.allow_only({"id", "currency", "earn", "cap_per_period", "period", "bonuses", "redeem",
                        "lifetime_days", "negative_balance"});
    Programme programme;
    programme.id = section.require<std::string>("id");
    if (programme.id.empty() || programme.id.find_first_of(" :\t") != std::string::npos) {
        section.fail("id", "expected a short name without spaces or ':', such as 'points'");
    }
    programme.currency = section.require<std::string>("currency");
    try {
        minor_unit_digits(programme.currency);
    } catch (const UserError& e) {
        section.fail("currency", e.what());
    }
    programme.earn = read_earn_rules(section.child("earn"), programme.currency);
    programme.cap_per_period = read_count(section, "cap_per_period", 0);
    programme.period = read_choice(section, "period", Period::none,
                                   {std::pair{std::string_view("day"), Period::day},
                                    {"month", Period::month},
                                    {"year", Period::year}});
    if (programme.cap_per_period > 0 && programme.period == Period::none) {
        section.fail("cap_per_period", "needs a period: add 'period: day', 'month' or 'year'");
    }
    if (programme.cap_per_period == 0 && programme.period != Period::none) {
        section.fail("period", "applies only with cap_per_period; add one or remove the period");
    }
    read_bonuses(section.child("bonuses"), programme);
    read_redemption(section.child("redeem"), programme);
    programme.lifetime_days = read_count(section, "lifetime_days", 0);
    programme.negative_balance =
        read_choice(section, "negative_balance", NegativeBalance::clamp,
                    {std::pair{std::string_view("clamp"), NegativeBalance::clamp},
                     {"allow", NegativeBalance::allow}});
    return programme;
}

}  // namespace

Timestamp Programme::expiry_of(Timestamp at) const {
    if (lifetime_days == 0) return Timestamp{};
    return at + std::chrono::days{lifetime_days};
}

Money Programme::value_of(std::int64_t points) const {
    return Money{points * redeem_value.minor_units / redeem_points, redeem_value.currency};
}

const Programme& Settings::programme(std::string_view id) const {
    std::string names;
    for (const auto& programme : programmes) {
        if (id.empty() ? programmes.size() == 1 : programme.id == id) return programme;
        names += (names.empty() ? "" : ", ") + programme.id;
    }
    if (programmes.empty()) {
        throw UserError(
            "no loyalty programme is configured; add one under loyalty-points.programmes in "
            "moshtari.yaml");
    }
    if (id.empty()) {
        throw UserError(
            fmt::format("there are {} loyalty programmes ({}); name one with --programme",
                        programmes.size(), names));
    }
    throw UserError(
        fmt::format("there is no loyalty programme '{}'; the programmes are: {}", id, names));
}

Settings read_settings(const ConfigSection& section) {
    section.allow_only({"programmes"});
    Settings settings;
    std::set<std::string> ids;
    for (const auto& item : section.list("programmes")) {
        settings.programmes.push_back(read_programme(item));
        if (!ids.insert(settings.programmes.back().id).second) {
            item.fail("id", fmt::format("a second programme named '{}'; programme ids are unique",
                                        settings.programmes.back().id));
        }
    }
    return settings;
}

}  // namespace moshtari::loyalty
