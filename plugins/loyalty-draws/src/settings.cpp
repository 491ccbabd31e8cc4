#include "settings.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "moshtari/error.hpp"
#include "moshtari/money.hpp"

namespace moshtari::draws {

namespace {

std::int64_t read_count(const ConfigSection& section, std::string_view key, std::int64_t fallback,
                        std::int64_t minimum) {
    const auto value = section.get<std::int64_t>(key, fallback);
    if (value < minimum) {
        section.fail(key,
                     fmt::format("must be a whole number of at least {}, got {}", minimum, value));
    }
    return value;
}

std::int64_t read_money(const ConfigSection& section, std::string_view key,
                        const std::string& currency) {
    if (!section.has(key)) return 0;
    const auto text = section.get<std::string>(key, "");
    std::int64_t minor = 0;
    try {
        minor = parse_money(text, currency).minor_units;
    } catch (const UserError& e) {
        section.fail(key, e.what());
    }
    if (minor <= 0) {
        section.fail(
            key, fmt::format("must be an amount above zero in {}, such as \"20.00\"", currency));
    }
    return minor;
}

OrderRule read_orders(const ConfigSection& section) {
    section.allow_only({"currency", "minimum", "per_amount", "max_per_order"});
    OrderRule rule;
    rule.currency = section.require<std::string>("currency");
    try {
        minor_unit_digits(rule.currency);
    } catch (const UserError& e) {
        section.fail("currency", e.what());
    }
    rule.minimum_minor = read_money(section, "minimum", rule.currency);
    rule.per_amount_minor = read_money(section, "per_amount", rule.currency);
    rule.max_per_order = read_count(section, "max_per_order", 0, 0);
    if (rule.max_per_order > 0 && rule.per_amount_minor == 0) {
        section.fail("max_per_order",
                     "caps the entries per_amount gives; without per_amount an order gives one "
                     "entry");
    }
    return rule;
}

ReferralRule read_referrals(const ConfigSection& section) {
    section.allow_only({"kind", "entries"});
    ReferralRule rule;
    rule.kind = section.require<std::string>("kind");
    if (rule.kind.empty()) section.fail("kind", "name the interaction kind, such as 'referral'");
    rule.entries = read_count(section, "entries", 1, 1);
    return rule;
}

Exclusions read_exclusions(const ConfigSection& section) {
    section.allow_only({"tags", "without_consent"});
    Exclusions exclude;
    exclude.tags = section.get<std::vector<std::string>>("tags", {});
    if (std::any_of(exclude.tags.begin(), exclude.tags.end(),
                    [](const std::string& tag) { return tag.empty(); })) {
        section.fail("tags", "a tag cannot be empty");
    }
    exclude.without_consent = section.get<std::string>("without_consent", "");
    if (section.has("without_consent") && exclude.without_consent.empty()) {
        section.fail("without_consent", "name a consent channel, such as 'email'");
    }
    return exclude;
}

MessageTemplate read_template(const ConfigSection& section, std::string_view key) {
    const auto text = section.require<std::string>(key);
    if (text.empty()) section.fail(key, "must not be empty");
    try {
        return MessageTemplate::parse(text);
    } catch (const UserError& e) {
        section.fail(key, e.what());
    }
}

Notification read_notification(const ConfigSection& section) {
    section.allow_only({"channel", "subject", "text"});
    Notification notification;
    notification.channel = section.require<std::string>("channel");
    if (notification.channel.empty()) {
        section.fail("channel", "name the channel winners are told on, such as 'email'");
    }
    notification.subject = read_template(section, "subject");
    notification.text = read_template(section, "text");
    return notification;
}

}  // namespace

std::int64_t OrderRule::entries_for(std::int64_t net_minor) const {
    if (!enabled() || net_minor <= 0 || net_minor < minimum_minor) return 0;
    if (per_amount_minor == 0) return 1;
    const std::int64_t entries = std::max<std::int64_t>(1, net_minor / per_amount_minor);
    return max_per_order > 0 ? std::min(entries, max_per_order) : entries;
}

Settings read_settings(const ConfigSection& section) {
    section.allow_only({"orders", "referrals", "no_purchase", "exclude", "notification"});
    Settings settings;
    if (section.has("orders")) settings.orders = read_orders(section.child("orders"));
    if (section.has("referrals")) settings.referrals = read_referrals(section.child("referrals"));
    const ConfigSection no_purchase = section.child("no_purchase");
    no_purchase.allow_only({"entries"});
    settings.no_purchase_entries = read_count(no_purchase, "entries", 1, 1);
    settings.exclude = read_exclusions(section.child("exclude"));
    if (section.has("notification")) {
        settings.notification = read_notification(section.child("notification"));
    }
    return settings;
}

}  // namespace moshtari::draws
