#include "settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "coupon_code.hpp"
#include "moshtari/error.hpp"

namespace moshtari::coupons {

namespace {

constexpr std::int64_t kMinimumCodeLength = 8;  // 39.6 bits; see the README
constexpr std::int64_t kMaximumCodeLength = 32;

std::int64_t read_count(const ConfigSection& section, std::string_view key, std::int64_t fallback,
                        std::int64_t minimum = 0) {
    const auto value = section.get<std::int64_t>(key, fallback);
    if (value < minimum)
        section.fail(key, fmt::format("must be at least {}, got {}", minimum, value));
    return value;
}

// "10", "12.5" or "12.75" percent, as hundredths of a percent.
std::int64_t read_percent(const ConfigSection& section) {
    const auto text = section.get<std::string>("percent", "");
    std::int64_t hundredths = 0;
    int decimals = -1;
    bool valid = !text.empty() && text.size() <= 6;
    for (const char c : text) {
        if (c == '.' && decimals < 0) {
            decimals = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c)) && decimals < 2) {
            hundredths = hundredths * 10 + (c - '0');
            if (decimals >= 0) ++decimals;
        } else {
            valid = false;
        }
    }
    for (int d = std::max(decimals, 0); d < 2; ++d) hundredths *= 10;
    if (!valid || decimals == 0 || hundredths <= 0 || hundredths > 10000) {
        section.fail("percent",
                     fmt::format("'{}' is not a percentage above 0 and at most 100 with at most "
                                 "two decimals, such as 10 or 12.5",
                                 text));
    }
    return hundredths;
}

std::int64_t read_money(const ConfigSection& section, std::string_view key,
                        const std::string& currency) {
    if (!section.has(key)) return 0;
    try {
        return parse_money(section.get<std::string>(key, ""), currency).minor_units;
    } catch (const UserError& e) {
        section.fail(key, e.what());
    }
}

// A bare date as `valid_until` means the whole of that day (UTC).
Timestamp read_time(const ConfigSection& section, std::string_view key, bool end_of_day) {
    if (!section.has(key)) return Timestamp{};
    const auto text = section.get<std::string>(key, "");
    const auto parsed = parse_time(text);
    if (!parsed) {
        section.fail(key, fmt::format("'{}' is not a time; write 2026-12-31 or "
                                      "2026-12-31T18:00:00Z (UTC)",
                                      text));
    }
    const bool bare_date = text.size() == 10;
    return end_of_day && bare_date ? *parsed + std::chrono::days{1} : *parsed;
}

std::string read_shared_code(const ConfigSection& section) {
    const auto typed = section.get<std::string>("code", "");
    const auto code = canonical_code(typed);
    const bool alphanumeric = std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    if (code.size() < 4 || !alphanumeric) {
        section.fail("code", fmt::format("'{}' is not a usable code; write at least 4 letters or "
                                         "digits, dashes allowed (WELCOME-10)",
                                         typed));
    }
    return code;
}

void read_discount(const ConfigSection& section, Campaign& campaign) {
    const bool percent = section.has("percent");
    const bool amount = section.has("amount");
    if (percent == amount) {
        section.fail(percent ? "amount" : "",
                     percent ? "give either percent or amount, not both"
                             : "give the discount: 'percent: 10' or 'amount: \"5.00\"'");
    }
    if (percent) {
        campaign.kind = DiscountKind::percent;
        campaign.percent_hundredths = read_percent(section);
    } else {
        campaign.kind = DiscountKind::amount;
        campaign.amount_minor = read_money(section, "amount", campaign.currency);
        if (campaign.amount_minor <= 0) section.fail("amount", "must be more than zero");
    }
}

Campaign read_campaign(const ConfigSection& section) {
    section.allow_only({"id", "currency", "percent", "amount", "minimum_order", "valid_from",
                        "valid_until", "valid_days", "uses_per_code", "uses_per_customer",
                        "total_uses", "stackable", "code"});
    Campaign campaign;
    campaign.id = section.require<std::string>("id");
    if (campaign.id.empty() || campaign.id.find_first_of(" :\t") != std::string::npos) {
        section.fail("id", "expected a short name without spaces or ':', such as 'welcome'");
    }
    campaign.currency = section.require<std::string>("currency");
    try {
        minor_unit_digits(campaign.currency);
    } catch (const UserError& e) {
        section.fail("currency", e.what());
    }
    read_discount(section, campaign);
    campaign.minimum_minor = read_money(section, "minimum_order", campaign.currency);
    if (campaign.minimum_minor < 0) section.fail("minimum_order", "must not be negative");
    campaign.valid_from = read_time(section, "valid_from", false);
    campaign.valid_until = read_time(section, "valid_until", true);
    if (campaign.valid_from != Timestamp{} && campaign.valid_until != Timestamp{} &&
        campaign.valid_until <= campaign.valid_from) {
        section.fail("valid_until", "must be after valid_from");
    }
    if (section.has("code")) campaign.shared_code = read_shared_code(section);
    campaign.valid_days = read_count(section, "valid_days", 0);
    if (campaign.shared() && campaign.valid_days > 0) {
        section.fail("valid_days",
                     "applies to generated codes only; a shared code lasts until valid_until");
    }
    // A shared code is meant for many people, so by default it has no limit of its own.
    campaign.uses_per_code = read_count(section, "uses_per_code", campaign.shared() ? 0 : 1);
    campaign.uses_per_customer = read_count(section, "uses_per_customer", 1);
    campaign.total_uses = read_count(section, "total_uses", 0);
    campaign.stackable = section.get<bool>("stackable", false);
    return campaign;
}

}  // namespace

const Campaign* Settings::find(std::string_view id) const {
    for (const auto& campaign : campaigns) {
        if (campaign.id == id) return &campaign;
    }
    return nullptr;
}

const Campaign& Settings::campaign(std::string_view id) const {
    if (const Campaign* found = find(id)) return *found;
    if (campaigns.empty()) {
        throw UserError(
            "no coupon campaign is configured; add one under loyalty-coupons.campaigns in "
            "moshtari.yaml");
    }
    std::string names;
    for (const auto& campaign : campaigns) names += (names.empty() ? "" : ", ") + campaign.id;
    throw UserError(
        fmt::format("there is no coupon campaign '{}'; the campaigns are: {}", id, names));
}

const Campaign* Settings::by_shared_code(std::string_view canonical) const {
    for (const auto& campaign : campaigns) {
        if (campaign.shared() && campaign.shared_code == canonical) return &campaign;
    }
    return nullptr;
}

std::string Settings::shown(std::string_view canonical) const {
    return by_shared_code(canonical) ? std::string(canonical) : display_code(canonical);
}

Settings read_settings(const ConfigSection& section) {
    section.allow_only({"code_length", "campaigns"});
    Settings settings;
    const auto length = read_count(section, "code_length", 12, kMinimumCodeLength);
    if (length > kMaximumCodeLength) {
        section.fail("code_length",
                     fmt::format("must be at most {}, got {}", kMaximumCodeLength, length));
    }
    settings.code_length = static_cast<std::size_t>(length);
    std::set<std::string> ids;
    std::set<std::string> codes;
    for (const auto& item : section.list("campaigns")) {
        const Campaign& campaign = settings.campaigns.emplace_back(read_campaign(item));
        if (!ids.insert(campaign.id).second) {
            item.fail("id", fmt::format("a second campaign named '{}'; campaign ids are unique",
                                        campaign.id));
        }
        if (campaign.shared() && !codes.insert(campaign.shared_code).second) {
            item.fail("code", fmt::format("another campaign already has the code {}; shared "
                                          "codes are unique",
                                          campaign.shared_code));
        }
    }
    return settings;
}

}  // namespace moshtari::coupons
