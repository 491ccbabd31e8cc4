#include "settings.hpp"

#include <fmt/format.h>

#include <regex>
#include <set>

#include "moshtari/error.hpp"
#include "moshtari/money.hpp"

namespace moshtari::tiers {

namespace {

// Ids are written into causes and event payloads: short, without spaces or ':'.
void check_id(const ConfigSection& section, const std::string& id, std::string_view example) {
    if (id.empty() || id.find_first_of(" :\t") != std::string::npos) {
        section.fail("id", fmt::format("expected a short name without spaces or ':', such as '{}'",
                                       example));
    }
}

std::int64_t read_count(const ConfigSection& section, std::string_view key, std::int64_t fallback,
                        std::int64_t minimum = 0) {
    const auto value = section.get<std::int64_t>(key, fallback);
    if (value < minimum)
        section.fail(key, fmt::format("must be at least {}, got {}", minimum, value));
    return value;
}

// A non-negative decimal with at most four decimals, kept as written.
std::string read_decimal(const ConfigSection& section, std::string_view key, std::string fallback,
                         std::string_view example) {
    if (!section.has(key)) return fallback;
    static const std::regex decimal(R"(\d{1,9}(\.\d{1,4})?)");
    auto text = section.get<std::string>(key, "");
    if (!std::regex_match(text, decimal)) {
        section.fail(key, fmt::format("'{}' is not a non-negative decimal number with at most four "
                                      "decimals, such as {}",
                                      text, example));
    }
    return text;
}

Benefits read_benefits(const ConfigSection& section) {
    section.allow_only({"earn_multiplier", "discount_percent", "free_shipping", "priority_support",
                        "delivery_days", "extra"});
    Benefits benefits;
    benefits.earn_multiplier = read_decimal(section, "earn_multiplier", "1", "1.5");
    benefits.discount_percent = read_decimal(section, "discount_percent", "0", "5 or 7.5");
    if (std::stod(benefits.discount_percent) > 100) {
        section.fail("discount_percent",
                     fmt::format("{} is more than 100 percent", benefits.discount_percent));
    }
    benefits.free_shipping = section.get<bool>("free_shipping", false);
    benefits.priority_support = section.get<bool>("priority_support", false);
    if (section.has("delivery_days"))
        benefits.delivery_days = read_count(section, "delivery_days", 0);
    const ConfigSection extra = section.child("extra");
    for (const auto& key : extra.keys()) benefits.extra[key] = extra.get<std::string>(key, "");
    return benefits;
}

std::int64_t read_threshold(const ConfigSection& section, const Programme& programme) {
    if (programme.basis == Basis::points) return read_count(section, "threshold", 0);
    const auto text = section.require<std::string>("threshold");
    Money threshold;
    try {
        threshold = parse_money(text, programme.currency);
    } catch (const UserError& e) {
        section.fail("threshold", fmt::format("{}; write an amount in {} such as \"500.00\"",
                                              e.what(), programme.currency));
    }
    if (threshold.minor_units < 0) section.fail("threshold", "must not be negative");
    return threshold.minor_units;
}

Tier read_tier(const ConfigSection& section, const Programme& programme) {
    section.allow_only({"id", "name", "threshold", "benefits"});
    Tier tier;
    tier.id = section.require<std::string>("id");
    check_id(section, tier.id, "gold");
    tier.name = section.get<std::string>("name", tier.id);
    if (!section.has("threshold")) {
        section.fail({},
                     fmt::format("tier '{}' needs a threshold: the {} that reaches it "
                                 "(0 for a base tier everyone has)",
                                 tier.id, programme.basis == Basis::spend ? "spend" : "points"));
    }
    tier.threshold = read_threshold(section, programme);
    tier.benefits = read_benefits(section.child("benefits"));
    return tier;
}

void read_tiers(const ConfigSection& section, Programme& programme) {
    const auto items = section.list("tiers");
    if (items.empty()) {
        section.fail("tiers",
                     "a programme needs at least one tier, such as "
                     "{id: bronze, threshold: 0}");
    }
    std::set<std::string> ids;
    for (const auto& item : items) {
        Tier tier = read_tier(item, programme);
        if (!ids.insert(tier.id).second) {
            item.fail("id", fmt::format("a second tier named '{}'; tier ids are unique in a "
                                        "programme",
                                        tier.id));
        }
        if (!programme.tiers.empty() && tier.threshold <= programme.tiers.back().threshold) {
            item.fail("threshold",
                      fmt::format("tiers go from the lowest to the highest: '{}' needs more than "
                                  "'{}' ({})",
                                  tier.id, programme.tiers.back().id,
                                  programme.format_value(programme.tiers.back().threshold)));
        }
        programme.tiers.push_back(std::move(tier));
    }
}

Programme read_programme(const ConfigSection& section) {
    section.allow_only(
        {"id", "currency", "by", "points_programme", "window_days", "grace_days", "tiers"});
    Programme programme;
    programme.id = section.require<std::string>("id");
    check_id(section, programme.id, "status");
    programme.currency = section.require<std::string>("currency");
    try {
        minor_unit_digits(programme.currency);
    } catch (const UserError& e) {
        section.fail("currency", e.what());
    }
    const auto by = section.get<std::string>("by", "spend");
    if (by == "points") {
        programme.basis = Basis::points;
    } else if (by != "spend") {
        section.fail("by", fmt::format("'{}' is not one of spend, points", by));
    }
    if (programme.basis == Basis::points) {
        if (!section.has("points_programme")) {
            section.fail("by",
                         "'by: points' needs points_programme: the id of the loyalty-points "
                         "programme whose points qualify");
        }
        programme.points_programme = section.get<std::string>("points_programme", "");
    } else if (section.has("points_programme")) {
        section.fail("points_programme", "applies only with 'by: points'; remove it or set by");
    }
    programme.window_days = read_count(section, "window_days", programme.window_days, 1);
    programme.grace_days = read_count(section, "grace_days", programme.grace_days);
    read_tiers(section, programme);
    return programme;
}

std::string names(const std::vector<Programme>& programmes) {
    std::string joined;
    for (const auto& p : programmes) joined += (joined.empty() ? "" : ", ") + p.id;
    return joined;
}

}  // namespace

const Programme& Settings::programme(std::string_view id) const {
    for (const auto& programme : programmes) {
        if (programme.id == id) return programme;
    }
    if (programmes.empty()) {
        throw UserError(
            "no tier programme is configured; add one under loyalty-tiers.programmes in "
            "moshtari.yaml");
    }
    throw UserError(fmt::format("there is no tier programme '{}'; the programmes are: {}", id,
                                names(programmes)));
}

std::vector<const Programme*> Settings::select(std::string_view id) const {
    if (!id.empty()) return {&programme(id)};
    if (programmes.empty()) programme(id);  // throws, saying how to add one
    std::vector<const Programme*> all;
    for (const auto& p : programmes) all.push_back(&p);
    return all;
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

}  // namespace moshtari::tiers
