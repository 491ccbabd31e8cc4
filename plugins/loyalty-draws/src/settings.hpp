#pragma once
// The `loyalty-draws:` section: how entries are earned (orders, referrals, the no-purchase entry),
// who is excluded when a draw is run, and how winners are told.

#include <cstdint>
#include <string>
#include <vector>

#include "message_template.hpp"
#include "moshtari/config_section.hpp"

namespace moshtari::draws {

// An order in `currency` whose net total (total less refunds) is at least `minimum_minor` enters:
// once, or with per_amount_minor set one entry per that much (at least one), up to max_per_order.
struct OrderRule {
    std::string currency{};  // empty: orders earn no entries
    std::int64_t minimum_minor = 0;
    std::int64_t per_amount_minor = 0;  // 0: one entry per order
    std::int64_t max_per_order = 0;     // 0: no cap

    bool enabled() const { return !currency.empty(); }
    // 0 when the order does not qualify.
    std::int64_t entries_for(std::int64_t net_minor) const;
};

// An interaction of `kind` logged for a customer gives them `entries`.
struct ReferralRule {
    std::string kind{};  // empty: referrals earn no entries
    std::int64_t entries = 1;

    bool enabled() const { return !kind.empty(); }
};

// Checked for each customer drawn, when the draw is run.
struct Exclusions {
    std::vector<std::string> tags{};  // customers with any of these tags (staff) cannot win
    std::string without_consent{};    // customers without consent for this channel cannot win
};

// Winners are sent a transactional message on `channel`, queued with the result.
struct Notification {
    std::string channel{};  // empty: nobody is notified
    MessageTemplate subject{};
    MessageTemplate text{};

    bool enabled() const { return !channel.empty(); }
};

struct Settings {
    OrderRule orders{};
    ReferralRule referrals{};
    std::int64_t no_purchase_entries = 1;  // what `draws enter` gives without --entries
    Exclusions exclude{};
    Notification notification{};
};

// Reads and checks the section; every problem is a ConfigError at its file:line:column.
Settings read_settings(const ConfigSection& section);

}  // namespace moshtari::draws
